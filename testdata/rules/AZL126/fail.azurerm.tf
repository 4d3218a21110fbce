resource "azurerm_container_app_environment" "env" {
  name                                        = "aca-env"
  location                                    = "westeurope"
  resource_group_name                         = "rg-aca"
  log_analytics_workspace_id                  = azurerm_log_analytics_workspace.logs.id
  dapr_application_insights_connection_string = "InstrumentationKey=3f8e2a1c-5b7d-4e9f-a0c2-1d3e5f7a9b0c;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/"
}
