resource "azurerm_mysql_flexible_server_firewall_rule" "all" {
  name                = "AllowAll"
  resource_group_name = "rg-apps"
  server_name         = "mysql-apps"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"
}

resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "AllowAzureServices"
  server_id        = azurerm_mssql_server.apps.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}
