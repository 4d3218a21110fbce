resource "azapi_resource" "www_cert" {
  type      = "Microsoft.App/managedEnvironments/certificates@2025-07-01"
  name      = "www-contoso-com"
  parent_id = azapi_resource.env.id
  location  = "westeurope"
  body = {
    properties = {
      value    = data.azurerm_key_vault_secret.www_pfx.value
      password = "Pfx-Passw0rd!2024"
    }
  }
}
