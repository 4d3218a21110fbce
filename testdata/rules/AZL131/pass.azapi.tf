resource "azapi_resource" "mysql" {
  type      = "Microsoft.DBforMySQL/flexibleServers@2023-12-30"
  name      = "contoso-mysql"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    sku = { name = "Standard_B1ms", tier = "Burstable" }
    properties = {
      administratorLogin = "mysqladmin"
    }
  }
  sensitive_body = {
    properties = {
      administratorLoginPassword = random_password.mysql.result
    }
  }
}
