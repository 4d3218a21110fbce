resource "azurerm_storage_account" "apps" {
  name                            = "stapps"
  resource_group_name             = "rg-apps"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
  https_traffic_only_enabled      = false
}

resource "azurerm_storage_account" "legacy" {
  name                            = "stlegacy"
  resource_group_name             = "rg-apps"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
  enable_https_traffic_only       = false
}
