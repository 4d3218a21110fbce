resource "azurerm_key_vault" "apps" {
  name                          = "kv-apps"
  location                      = "westeurope"
  resource_group_name           = "rg-apps"
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  purge_protection_enabled      = true
  public_network_access_enabled = false
}

resource "azurerm_key_vault" "firewalled" {
  name                      = "kv-firewalled"
  location                  = "westeurope"
  resource_group_name       = "rg-apps"
  tenant_id                 = data.azurerm_client_config.current.tenant_id
  sku_name                  = "standard"
  enable_rbac_authorization = true
  purge_protection_enabled  = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}
