resource "azapi_resource" "office" {
  type      = "Microsoft.DBforMySQL/flexibleServers/firewallRules@2023-12-30"
  name      = "office"
  parent_id = azapi_resource.mysql.id
  body = {
    properties = {
      startIpAddress = "203.0.113.0"
      endIpAddress   = "203.0.113.255"
    }
  }
}
