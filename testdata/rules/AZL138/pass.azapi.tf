variable "datadog_api_key" {
  type      = string
  sensitive = true
}

resource "azapi_update_resource" "otel" {
  type        = "Microsoft.App/managedEnvironments@2025-02-02-preview"
  resource_id = azurerm_container_app_environment.apps.id
  body = {
    properties = {
      openTelemetryConfiguration = {
        destinationsConfiguration = {
          dataDogConfiguration = { site = "datadoghq.com", key = var.datadog_api_key }
        }
        tracesConfiguration = { destinations = ["dataDog"] }
      }
    }
  }
}
