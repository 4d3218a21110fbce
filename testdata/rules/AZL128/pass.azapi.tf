resource "random_password" "sql" {
  length  = 32
  special = true
}

module "sql" {
  source                 = "./sql-azapi-module"
  parent_id              = azapi_resource.rg.id
  administrator_password = random_password.sql.result
}
