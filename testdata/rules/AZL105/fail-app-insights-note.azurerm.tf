resource "azurerm_application_insights" "apps" {
  name                = "ai-apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  application_type    = "web"
}

output "instrumentation_key" {
  value = azurerm_application_insights.apps.instrumentation_key
}

output "app_id" {
  value = azurerm_application_insights.apps.app_id
}
