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
    key_vault_secret_id = azurerm_key_vault_secret.db.versionless_id
    identity            = "System"
  }

  secret {
    name                = "api-key"
    key_vault_secret_id = "${azurerm_key_vault.main.vault_uri}secrets/api-key"
    identity            = "System"
  }

  secret {
    name                = "literal"
    key_vault_secret_id = "https://my-vault.vault.azure.net/secrets/literal/0123456789abcdef0123456789abcdef"
    identity            = "System"
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
