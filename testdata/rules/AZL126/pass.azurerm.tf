resource "azurerm_application_insights" "ai" {
  name                = "aca-insights"
  location            = "westeurope"
  resource_group_name = "rg-aca"
  application_type    = "web"
}

resource "azurerm_container_app_environment" "env" {
  name                                        = "aca-env"
  location                                    = "westeurope"
  resource_group_name                         = "rg-aca"
  log_analytics_workspace_id                  = azurerm_log_analytics_workspace.logs.id
  dapr_application_insights_connection_string = azurerm_application_insights.ai.connection_string
}
