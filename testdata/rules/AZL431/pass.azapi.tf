resource "azapi_resource" "cache" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "cache-apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      sku              = { name = "Basic", family = "C", capacity = 0 }
      enableNonSslPort = false
    }
  }
}
