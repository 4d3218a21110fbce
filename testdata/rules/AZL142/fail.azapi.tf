resource "azurerm_servicebus_namespace" "orders" {
  name                = "sb-orders"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  sku                 = "Standard"
}

resource "azapi_resource" "scaler" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "orders-job"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      environmentId = var.environment_id
      configuration = {
        triggerType    = "Event"
        replicaTimeout = 300
        secrets        = [{ name = "sb-connection", value = azurerm_servicebus_namespace.orders.default_primary_connection_string }]
        eventTriggerConfig = {
          scale = {
            rules = [{
              name     = "orders"
              type     = "azure-servicebus"
              metadata = { queueName = "orders", namespace = "sb-orders" }
              auth     = [{ secretRef = "sb-connection", triggerParameter = "connection" }]
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
