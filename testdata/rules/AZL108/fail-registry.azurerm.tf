resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  registry {
    server               = "ghcr.io"
    username             = "octo"
    password_secret_name = "ghcr-pat"
  }

  template {
    container {
      name   = "web"
      image  = "ghcr.io/octo/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
