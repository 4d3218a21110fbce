resource "azurerm_postgresql_flexible_server_firewall_rule" "egress" {
  name             = "container-apps-egress"
  server_id        = azurerm_postgresql_flexible_server.apps.id
  start_ip_address = "20.50.10.4"
  end_ip_address   = "20.50.10.4"
}
