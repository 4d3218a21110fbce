resource "azurerm_key_vault" "apps" {
  name                       = "kv-apps"
  location                   = "westeurope"
  resource_group_name        = "rg-apps"
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
}

resource "azurerm_key_vault" "legacy_name" {
  name                      = "kv-apps-legacy"
  location                  = "westeurope"
  resource_group_name       = "rg-apps"
  tenant_id                 = data.azurerm_client_config.current.tenant_id
  sku_name                  = "standard"
  enable_rbac_authorization = true
}
