resource "azurerm_container_app_environment" "apps" {
  name                     = "apps"
  location                 = "westeurope"
  resource_group_name      = "rg-apps"
  infrastructure_subnet_id = azurerm_subnet.apps.id
  mutual_tls_enabled       = false
}

# Absent: the provider sends false.
resource "azurerm_container_app_environment" "apps2" {
  name                     = "apps2"
  location                 = "westeurope"
  resource_group_name      = "rg-apps"
  infrastructure_subnet_id = azurerm_subnet.apps.id
}
