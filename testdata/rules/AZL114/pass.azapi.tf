resource "azapi_resource" "worker" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "worker"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      template = {
        containers = [{ name = "worker", image = "myregistry.azurecr.io/worker:1.0" }]
        scale = {
          rules = [
            {
              name = "queue"
              azureQueue = {
                accountName = "jobs"
                queueName   = "jobs"
                queueLength = 5
                identity    = "system"
              }
            },
            {
              name = "custom"
              custom = {
                type     = "azure-queue"
                metadata = { queueName = "jobs", accountName = "jobs", cloud = "AzurePublicCloud" }
                identity = "system"
              }
            },
          ]
        }
      }
    }
  }
}
