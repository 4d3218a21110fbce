variable "vm_admin_password" {
  type      = string
  sensitive = true
}

module "sql" {
  source                 = "./sql-module"
  administrator_login    = "sqladmin"
  administrator_password = "Sql-Adm1n!2024"
}

module "aks" {
  source        = "Azure/aks/azurerm"
  version       = "9.4.1"
  prefix        = "contoso"
  client_id     = "5c0e2b7a-8d31-4f6e-9a42-1b7c3d9e0f68"
  client_secret = "Qx8~cV2.mN7-rT4_kL9pZ3wB6yH1jD5sF0gA"
}
