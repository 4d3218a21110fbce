resource "azapi_resource" "settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  name      = "connectionstrings"
  parent_id = azapi_resource.site.id
  body = {
    properties = {
      ShopDb = {
        value = "Server=tcp:contoso-sql.database.windows.net,1433;Database=shop;User ID=shop;Password=Sh0p-Passw0rd!;Encrypt=true"
        type  = "SQLAzure"
      }
    }
  }
}
