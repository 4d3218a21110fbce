variable "vm_admin_password" {
  type      = string
  sensitive = true
}

variable "api_token" {
  type      = string
  sensitive = true
  default   = ""
}

variable "admin_username" {
  type = string
}

data "azurerm_key_vault_secret" "sql_admin" {
  name         = "sql-admin-password"
  key_vault_id = data.azurerm_key_vault.kv.id
}

module "sql" {
  source                 = "./sql-module"
  administrator_login    = var.admin_username
  administrator_password = data.azurerm_key_vault_secret.sql_admin.value
}
