resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  template {
    container {
      name   = "web"
      image  = "${azurerm_container_registry.acr.login_server}/web:${var.image_tag}"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}

variable "image_tag" {
  type = string
}
