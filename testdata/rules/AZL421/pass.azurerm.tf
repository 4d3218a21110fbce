# min_tls_version is absent: the provider sends TLS1_2.
resource "azurerm_storage_account" "apps" {
  name                            = "stapps"
  resource_group_name             = "rg-apps"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}
