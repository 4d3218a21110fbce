resource "azapi_resource" "processor" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "processor"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

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
                name = "bus"
                type = "azure-servicebus"
                metadata = {
                  queueName  = "orders"
                  connection = "Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=Listen;SharedAccessKey=abcdefghij1234567890="
                }
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
