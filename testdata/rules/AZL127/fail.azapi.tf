resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2024-03-01"
  name      = "aca-env"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      daprAIInstrumentationKey = "3f8e2a1c-5b7d-4e9f-a0c2-1d3e5f7a9b0c"
    }
  }
}
