resource "azapi_resource" "all" {
  type      = "Microsoft.DBforMySQL/flexibleServers/firewallRules@2023-12-30"
  name      = "AllowAll"
  parent_id = azapi_resource.mysql.id
  body = {
    properties = {
      startIpAddress = "0.0.0.0"
      endIpAddress   = "255.255.255.255"
    }
  }
}
