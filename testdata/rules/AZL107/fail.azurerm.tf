variable "queue_connection" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  secret {
    name  = "queue-connection"
    value = var.queue_connection
  }

  secret {
    name  = "registry-password"
    value = azurerm_container_registry.main.admin_password
  }

  registry {
    server               = azurerm_container_registry.main.login_server
    username             = azurerm_container_registry.main.admin_username
    password_secret_name = "registry-password"
  }

  template {
    container {
      name   = "web"
      image  = "${azurerm_container_registry.main.login_server}/web:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name        = "QUEUE_CONNECTION"
        secret_name = "queue-connection"
      }
    }
  }
}
