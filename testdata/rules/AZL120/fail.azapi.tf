resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "aca-env"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      appLogsConfiguration = {
        destination = "log-analytics"
        logAnalyticsConfiguration = {
          customerId = "6f1a2b3c-0d4e-4f5a-9b8c-7d6e5f4a3b2c"
          sharedKey  = "Zm9vYmFyYmF6cXV4c2hhcmVka2V5MDEyMzQ1Njc4OQ=="
        }
      }
    }
  }
}
