resource "azapi_resource" "worker" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "worker"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      template = {
        containers = [{ name = "worker", image = "myregistry.azurecr.io/worker:1.0" }]
        scale = {
          rules = [
            {
              name = "orders"
              custom = {
                type     = "azure-servicebus"
                metadata = { namespace = "orders-bus", queueName = "orders", messageCount = "20" }
                identity = "system"
              }
            }
          ]
        }
      }
    }
  }
}
