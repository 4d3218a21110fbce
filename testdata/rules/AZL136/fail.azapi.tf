resource "azapi_resource" "web" {
  type      = "Microsoft.Web/sites@2024-04-01"
  name      = "contoso-web"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      serverFarmId = azurerm_service_plan.plan.id
      siteConfig = {
        connectionStrings = [
          {
            name             = "Files"
            type             = "Custom"
            connectionString = "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=c3RvcmFnZWFjY291bnRrZXkwMTIzNDU2Nzg5YWJjZGVm"
          }
        ]
      }
    }
  }
}
