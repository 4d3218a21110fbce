data "azurerm_key_vault_secret" "sql_admin" {
  name         = "sql-admin-password"
  key_vault_id = data.azurerm_key_vault.kv.id
}

resource "azurerm_mssql_server" "sql" {
  name                         = "contoso-sql"
  resource_group_name          = "rg-data"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = data.azurerm_key_vault_secret.sql_admin.value
}

resource "azurerm_mysql_flexible_server" "mysql" {
  name                   = "contoso-mysql"
  resource_group_name    = "rg-data"
  location               = "westeurope"
  sku_name               = "B_Standard_B1ms"
  administrator_login    = "mysqladmin"
  administrator_password = random_password.mysql.result
}
