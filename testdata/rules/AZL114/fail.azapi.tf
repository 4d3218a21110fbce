resource "azapi_resource" "worker" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "worker"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      template = {
        containers = [{ name = "worker", image = "myregistry.azurecr.io/worker:1.0" }]
        scale = {
          rules = [
            {
              name = "queue"
              custom = {
                type = "azure-queue"
                metadata = {
                  queueName  = "jobs"
                  connection = "BlobEndpoint=https://jobs.blob.core.windows.net/;QueueEndpoint=https://jobs.queue.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=q&srt=sco&sp=rl&sig=abcdefghijklmnop1234%3D"
                }
              }
            },
          ]
        }
      }
    }
  }
}
