resource "azurerm_user_assigned_identity" "cert_reader" {
  name                = "id-cert-reader"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "apps"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.cert_reader.id]
  }

  body = {
    properties = {
      customDomainConfiguration = {
        dnsSuffix = "apps.contoso.com"
        certificateKeyVaultProperties = {
          keyVaultUrl = "https://my-vault.vault.azure.net/secrets/apps-cert"
          identity    = azurerm_user_assigned_identity.cert_reader.id
        }
      }
    }
  }
}
