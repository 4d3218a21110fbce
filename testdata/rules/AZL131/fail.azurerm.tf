resource "azurerm_mssql_server" "sql" {
  name                         = "contoso-sql"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "Sql-Adm1n!2024"
}

resource "azurerm_postgresql_flexible_server" "pg" {
  name                   = "contoso-pg"
  resource_group_name    = "rg-data"
  location               = "westeurope"
  version                = "16"
  sku_name               = "B_Standard_B1ms"
  administrator_login    = "pgadmin"
  administrator_password = "Pg-Adm1n!2024"
}
