resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        secrets = [
          {
            name        = "db-password"
            keyVaultUrl = azurerm_key_vault_secret.db.versionless_id
            identity    = "system"
          },
          {
            name        = "api-key"
            keyVaultUrl = "https://my-vault.vault.azure.net/secrets/api-key"
            identity    = "system"
          },
        ]
      }
    }
  }
}
