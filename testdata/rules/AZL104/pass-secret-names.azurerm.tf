# Names a Key Vault secret: not a credential.
variable "db_password_secret" {
  type    = string
  default = "db-password"
}

variable "storage_key" {
  type    = string
  default = "storage-account-key"
}

resource "azurerm_key_vault_secret" "db" {
  name         = var.db_password_secret
  value        = random_password.db.result
  key_vault_id = azurerm_key_vault.apps.id
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  secret {
    name                = var.storage_key
    key_vault_secret_id = azurerm_key_vault_secret.db.versionless_id
    identity            = "System"
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
      env {
        name        = "STORAGE_KEY"
        secret_name = var.storage_key
      }
    }
  }
}
