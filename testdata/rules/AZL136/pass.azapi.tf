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
            connectionString = azurerm_storage_account.data.primary_connection_string
          }
        ]
      }
    }
  }
}
