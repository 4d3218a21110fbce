variable "vm_admin_password" {
  type      = string
  sensitive = true
}

module "sql" {
  source                 = "./sql-module"
  administrator_login    = "sqladmin"
  administrator_password = "Sql-Adm1n!2024"
}
