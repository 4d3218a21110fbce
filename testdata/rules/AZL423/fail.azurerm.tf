resource "azurerm_container_app_environment" "apps" {
  name                       = "apps"
  location                   = "westeurope"
  resource_group_name        = "rg-apps"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
}
