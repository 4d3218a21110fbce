variable "db_password" {
  type      = string
  sensitive = true
}

resource "azurerm_storage_account" "data" {
  name                     = "contosodata"
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

output "storage_connection_string" {
  value     = azurerm_storage_account.data.primary_connection_string
  sensitive = true
}

output "db_password" {
  value     = var.db_password
  sensitive = true
}

output "storage_id" {
  value = azurerm_storage_account.data.id
}

output "blob_endpoint" {
  value = azurerm_storage_account.data.primary_blob_endpoint
}
