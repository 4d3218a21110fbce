# allow_nested_items_to_be_public is absent: the provider sends true.
resource "azurerm_storage_account" "apps" {
  name                     = "stapps"
  resource_group_name      = "rg-apps"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "explicit" {
  name                            = "stexplicit"
  resource_group_name             = "rg-apps"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}
