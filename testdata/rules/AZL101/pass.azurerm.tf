variable "db_password" {
  type      = string
  sensitive = true
}

data "azurerm_key_vault_secret" "queue" {
  name         = "queue-connection"
  key_vault_id = azurerm_key_vault.main.id
}

resource "random_password" "session" {
  length = 32
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  identity {
    type = "SystemAssigned"
  }

  secret {
    name                = "api-key"
    key_vault_secret_id = "https://my-vault.vault.azure.net/secrets/api-key"
    identity            = "System"
  }

  secret {
    name  = "db-password"
    value = var.db_password
  }

  secret {
    name  = "queue-connection"
    value = data.azurerm_key_vault_secret.queue.value
  }

  secret {
    name  = "storage-key"
    value = azurerm_storage_account.data.primary_access_key
  }

  secret {
    name  = "session-key"
    value = random_password.session.result
  }

  # Zeroed: secrets cannot be removed from an app, only emptied.
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
    }
  }
}
