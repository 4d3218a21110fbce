resource "azurerm_redis_cache" "apps" {
  name                = "cache-apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  capacity            = 0
  family              = "C"
  sku_name            = "Basic"
  minimum_tls_version = "1.2"
}
