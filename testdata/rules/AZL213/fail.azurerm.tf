resource "azurerm_container_registry" "acr" {
  name                = "acrprod"
  resource_group_name = "rg-apps"
  location            = "westeurope"
  sku                 = "Premium"
}

resource "azurerm_user_assigned_identity" "pull" {
  name                = "pull-id"
  resource_group_name = "rg-apps"
  location            = "westeurope"
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg-apps/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.pull.id]
  }

  registry {
    server   = azurerm_container_registry.acr.login_server
    identity = azurerm_user_assigned_identity.pull.id
  }

  template {
    container {
      name   = "web"
      image  = "${azurerm_container_registry.acr.login_server}/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
