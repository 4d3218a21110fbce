resource "azapi_resource" "settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  name      = "connectionstrings"
  parent_id = azapi_resource.site.id
  body = {
    properties = {
      ShopDb = {
        value = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.shop_db.versionless_id})"
        type  = "SQLAzure"
      }
    }
  }
}
