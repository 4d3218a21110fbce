resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "apps"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    properties = {
      customDomainConfiguration = {
        dnsSuffix = "apps.contoso.com"
        certificateKeyVaultProperties = {
          keyVaultUrl = "https://my-vault.vault.azure.net/secrets/apps-cert"
          identity    = "system"
        }
      }
    }
  }
}
