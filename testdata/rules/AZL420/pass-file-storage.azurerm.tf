# A premium file-share account has no blob service, so the provider's default for
# allow_nested_items_to_be_public exposes nothing.
resource "azurerm_storage_account" "shares" {
  name                     = "stshares"
  resource_group_name      = "rg-apps"
  location                 = "westeurope"
  account_tier             = "Premium"
  account_replication_type = "LRS"
  account_kind             = "FileStorage"
}
