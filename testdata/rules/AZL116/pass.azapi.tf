resource "azapi_resource" "processor" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "processor"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        triggerType    = "Event"
        replicaTimeout = 1800
        eventTriggerConfig = {
          scale = {
            rules = [
              {
                name     = "bus"
                type     = "azure-servicebus"
                metadata = { queueName = "orders", namespace = "orders" }
                identity = "system"
              },
            ]
          }
        }
      }
      template = {
        containers = [{ name = "processor", image = "myregistry.azurecr.io/processor:1.0" }]
      }
    }
  }
}
