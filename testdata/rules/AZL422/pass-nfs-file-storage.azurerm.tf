# An NFS share account: secure transfer must be off, and the account is private.
resource "azurerm_storage_account" "nfs" {
  name                          = "stnfsfiles"
  resource_group_name           = "rg-apps"
  location                      = "westeurope"
  account_tier                  = "Premium"
  account_replication_type      = "LRS"
  account_kind                  = "FileStorage"
  https_traffic_only_enabled    = false
  public_network_access_enabled = false
}
