resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2024-03-01"
  name      = "aca-env"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      daprAIInstrumentationKey = azurerm_application_insights.ai.instrumentation_key
    }
  }
}
