# The same mistakes in Terraform (azurerm).
resource "azurerm_container_registry" "acr" {
  name                = "demoregistry"
  resource_group_name = "demo-rg"
  location            = "westeurope"
  sku                 = "Basic"
  admin_enabled       = true
}

resource "azurerm_container_app" "web" {
  name                         = "demo-app"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/demo-rg/providers/Microsoft.App/managedEnvironments/demo-env"
  resource_group_name          = "demo-rg"
  revision_mode                = "Single"

  secret {
    name  = "registry-password"
    value = azurerm_container_registry.acr.admin_password
  }

  registry {
    server               = azurerm_container_registry.acr.login_server
    username             = azurerm_container_registry.acr.admin_username
    password_secret_name = "registry-password"
  }

  template {
    container {
      name   = "web"
      image  = "demoregistry.azurecr.io/web:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name  = "API_TOKEN"
        value = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"
      }
    }
  }
}
