resource "azapi_resource" "www_cert" {
  type      = "Microsoft.App/managedEnvironments/certificates@2025-07-01"
  name      = "www-contoso-com"
  parent_id = azapi_resource.env.id
  location  = "westeurope"
  body = {
    properties = {
      certificateKeyVaultProperties = {
        identity    = "system"
        keyVaultUrl = "https://contoso-kv.vault.azure.net/secrets/www-contoso-com"
      }
    }
  }
}

resource "azapi_resource" "api_cert" {
  type      = "Microsoft.App/managedEnvironments/certificates@2025-07-01"
  name      = "api-contoso-com"
  parent_id = azapi_resource.env.id
  location  = "westeurope"
  body = {
    properties = {
      value    = data.azurerm_key_vault_secret.api_pfx.value
      password = data.azurerm_key_vault_secret.api_pfx_password.value
    }
  }
}
