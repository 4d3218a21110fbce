resource "azurerm_container_registry" "acr" {
  name                = "myregistry"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard"
  admin_enabled       = true
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  secret {
    name  = "acr-password"
    value = azurerm_container_registry.acr.admin_password
  }

  registry {
    server               = azurerm_container_registry.acr.login_server
    username             = azurerm_container_registry.acr.admin_username
    password_secret_name = "acr-password"
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
