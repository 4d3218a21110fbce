resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "aca-env"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  identity {
    type = "SystemAssigned"
  }
  body = {
    properties = {
      customDomainConfiguration = {
        dnsSuffix = "apps.contoso.com"
        certificateKeyVaultProperties = {
          identity    = "system"
          keyVaultUrl = "https://contoso-kv.vault.azure.net/secrets/apps-contoso-com"
        }
      }
    }
  }
}

resource "azapi_resource" "env_secure" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "aca-env-2"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      customDomainConfiguration = {
        dnsSuffix           = "internal.contoso.com"
        certificateValue    = data.azurerm_key_vault_secret.internal_pfx.value
        certificatePassword = "<pfx-password>"
      }
    }
  }
}
