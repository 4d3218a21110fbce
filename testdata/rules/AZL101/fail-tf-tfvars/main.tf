variable "db_password" {
  type = string
}

variable "image" {
  type    = string
  default = "myregistry.azurecr.io/web:1.0"
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  secret {
    name  = "db-password"
    value = var.db_password
  }

  template {
    container {
      name   = "web"
      image  = var.image
      cpu    = 0.5
      memory = "1Gi"

      env {
        name        = "DB_PASSWORD"
        secret_name = "db-password"
      }
    }
  }
}
