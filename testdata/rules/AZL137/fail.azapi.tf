resource "azapi_resource" "smtp" {
  type      = "Microsoft.KeyVault/vaults/secrets@2023-07-01"
  name      = "smtp-password"
  parent_id = azapi_resource.vault.id
  body = {
    properties = {
      value = "Smtp-Passw0rd!2024"
    }
  }
}
