resource "azapi_resource" "drain" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "drain"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        triggerType    = "Event"
        replicaTimeout = 300
        eventTriggerConfig = {
          scale = {
            rules = [
              {
                name     = "events"
                type     = "azure-eventhub"
                metadata = { consumerGroup = "drain", unprocessedEventThreshold = "64", eventHubNamespace = "events", eventHubName = "orders" }
                identity = "system"
              }
            ]
          }
        }
      }
      template = {
        containers = [{ name = "drain", image = "myregistry.azurecr.io/drain:1.0" }]
      }
    }
  }
}
