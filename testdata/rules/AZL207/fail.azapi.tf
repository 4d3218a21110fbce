resource "azapi_resource" "worker" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "worker"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        secrets = [{ name = "hub-connection", keyVaultUrl = "https://my-vault.vault.azure.net/secrets/hub-connection", identity = "system" }]
      }
      template = {
        containers = [{ name = "worker", image = "myregistry.azurecr.io/worker:1.0" }]
        scale = {
          rules = [
            {
              name = "events"
              custom = {
                type     = "azure-eventhub"
                metadata = { consumerGroup = "worker", unprocessedEventThreshold = "64" }
                auth     = [{ secretRef = "hub-connection", triggerParameter = "connection" }]
              }
            }
          ]
        }
      }
    }
  }
}
