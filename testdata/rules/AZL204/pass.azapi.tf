resource "azurerm_user_assigned_identity" "reader" {
  name                = "id-queue-reader"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azapi_resource" "drain" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "drain"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.reader.id]
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
                name     = "queue"
                type     = "azure-queue"
                metadata = { accountName = "mystorage", queueName = "jobs", queueLength = "10" }
                identity = azurerm_user_assigned_identity.reader.id
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
