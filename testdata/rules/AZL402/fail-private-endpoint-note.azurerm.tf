resource "azurerm_container_app_environment" "apps" {
  name                  = "apps"
  location              = "westeurope"
  resource_group_name   = "rg-apps"
  public_network_access = "Disabled"
}

resource "azurerm_private_endpoint" "apps" {
  name                = "pe-apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "apps"
    private_connection_resource_id = azurerm_container_app_environment.apps.id
    subresource_names              = ["managedEnvironments"]
    is_manual_connection           = false
  }
}
