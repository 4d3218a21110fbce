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

module "aks" {
  source                = "Azure/aks/azurerm"
  version               = "9.4.1"
  prefix                = "contoso"
  client_id             = "5c0e2b7a-8d31-4f6e-9a42-1b7c3d9e0f68"
  client_secret         = var.aks_client_secret
  key_vault_secrets_provider_enabled = true
}

variable "aks_client_secret" {
  type      = string
  sensitive = true
}
