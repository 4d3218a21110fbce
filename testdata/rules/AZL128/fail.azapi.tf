module "sql" {
  source                 = "./sql-azapi-module"
  parent_id              = azapi_resource.rg.id
  administrator_password = "Sql-Adm1n!2024"
}
