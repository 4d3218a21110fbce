resource "azurerm_container_app_environment" "apps" {
  name                     = "apps"
  location                 = "westeurope"
  resource_group_name      = "rg-apps"
  infrastructure_subnet_id = azurerm_subnet.apps.id
}
