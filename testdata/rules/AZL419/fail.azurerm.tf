resource "azurerm_key_vault" "apps" {
  name                          = "kv-apps"
  location                      = "westeurope"
  resource_group_name           = "rg-apps"
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  public_network_access_enabled = false
}
