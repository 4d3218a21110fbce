resource "azurerm_user_assigned_identity" "pull" {
  name                = "id-pull"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.pull.id]
  }

  registry {
    server   = "myregistry.azurecr.io"
    identity = azurerm_user_assigned_identity.pull.id
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
