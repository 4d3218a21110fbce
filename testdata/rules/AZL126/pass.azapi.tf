resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "aca-env"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      daprAIConnectionString = azurerm_application_insights.ai.connection_string
    }
  }
}
