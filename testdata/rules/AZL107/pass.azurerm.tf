resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  identity {
    type = "SystemAssigned"
  }

  secret {
    name                = "queue-connection"
    key_vault_secret_id = azurerm_key_vault_secret.queue.versionless_id
    identity            = "System"
  }

  # Zeroed: a secret cannot be removed from an app, only emptied.
  secret {
    name  = "retired"
    value = ""
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name        = "QUEUE_CONNECTION"
        secret_name = "queue-connection"
      }
    }
  }
}
