resource "azurerm_container_app_environment" "internal" {
  name                           = "apps"
  location                       = "westeurope"
  resource_group_name            = "rg-apps"
  infrastructure_subnet_id       = azurerm_subnet.apps.id
  internal_load_balancer_enabled = true
}

resource "azurerm_container_app_environment" "private_endpoint_only" {
  name                  = "apps-pe"
  location              = "westeurope"
  resource_group_name   = "rg-apps"
  public_network_access = "Disabled"
}
