variable "api_key" {
  type      = string
  sensitive = true
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
    name                = "db-password"
    key_vault_secret_id = "https://my-vault.vault.azure.net/secrets/db-password"
    identity            = "System"
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name        = "DB_PASSWORD"
        secret_name = "db-password"
      }
      env {
        name  = "AZURE_CLIENT_ID"
        value = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
      }
      env {
        name  = "KEY_VAULT_URL"
        value = "https://my-vault.vault.azure.net/"
      }
      env {
        name  = "API_KEY"
        value = var.api_key
      }
      env {
        name  = "STORAGE_KEY"
        value = azurerm_storage_account.data.primary_access_key
      }
      env {
        name  = "DB_SECRET_NAME"
        value = "db-password"
      }
      env {
        name  = "BLOB_ENDPOINT"
        value = "https://data.blob.core.windows.net/?comp=list"
      }
    }
  }
}
