resource "azurerm_key_vault" "kv" {
  name = "kv"
  sku_name = "standard"
  tenant_id = 
}
