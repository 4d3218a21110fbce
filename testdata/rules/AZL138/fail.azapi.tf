resource "azapi_update_resource" "otel" {
  type        = "Microsoft.App/managedEnvironments@2025-02-02-preview"
  resource_id = azurerm_container_app_environment.apps.id
  body = {
    properties = {
      openTelemetryConfiguration = {
        destinationsConfiguration = {
          dataDogConfiguration = { site = "datadoghq.com", key = "a1b2c3d4e5f60718293a4b5c6d7e8f90" }
        }
        tracesConfiguration = { destinations = ["dataDog"] }
      }
    }
  }
}
