resource "azurerm_storage_account" "files" {
  name                     = "acafiles"
  resource_group_name      = "rg-aca"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_container_app_environment_storage" "content" {
  name                         = "content"
  container_app_environment_id = azurerm_container_app_environment.env.id
  account_name                 = azurerm_storage_account.files.name
  share_name                   = "content"
  access_key                   = azurerm_storage_account.files.primary_access_key
  access_mode                  = "ReadOnly"
}
