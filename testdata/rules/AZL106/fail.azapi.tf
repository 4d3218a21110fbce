variable "queue_connection" {
  type = string
}

resource "azapi_resource" "worker" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "worker"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        triggerType    = "Manual"
        replicaTimeout = 300
        secrets        = [{ name = "queue-connection", value = var.queue_connection }]
      }
      template = {
        containers = [
          {
            name  = "worker"
            image = "myregistry.azurecr.io/worker:1.0"
            env   = [{ name = "QUEUE_CONNECTION", secretRef = "queue-connection" }]
          },
        ]
      }
    }
  }
}
