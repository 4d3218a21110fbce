resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-02-02-preview"
  name      = "apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      openTelemetryConfiguration = {
        destinationsConfiguration = {
          otlpConfigurations = [{ name = "collector", endpoint = "otel.example.com:4317", insecure = true }]
        }
        tracesConfiguration = { destinations = ["collector"] }
      }
    }
  }
}
