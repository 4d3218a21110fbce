resource "azurerm_user_assigned_identity" "pull" {
  name                = "id-pull"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.pull.id]
  }

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        registries = [
          {
            server   = "myregistry.azurecr.io"
            identity = azurerm_user_assigned_identity.pull.id
          }
        ]
        identitySettings = [
          {
            identity  = azurerm_user_assigned_identity.pull.id
            lifecycle = "All"
          }
        ]
      }
      template = {
        containers = [{ name = "web", image = "myregistry.azurecr.io/web:1.0" }]
      }
    }
  }
}
