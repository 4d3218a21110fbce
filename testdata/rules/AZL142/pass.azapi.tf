resource "azapi_resource" "scaler" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "orders-job"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      environmentId = var.environment_id
      configuration = {
        triggerType    = "Event"
        replicaTimeout = 300
        eventTriggerConfig = {
          scale = {
            rules = [{
              name     = "orders"
              type     = "azure-servicebus"
              metadata = { queueName = "orders", namespace = "sb-orders" }
              identity = "system"
            }]
          }
        }
      }
      template = {
        containers = [{ name = "job", image = "myregistry.azurecr.io/job:1.0" }]
      }
    }
  }
}

variable "environment_id" {
  type = string
}
