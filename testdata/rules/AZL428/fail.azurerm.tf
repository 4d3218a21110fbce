resource "azurerm_subnet" "apps" {
  name                 = "apps"
  resource_group_name  = "rg-apps"
  virtual_network_name = "vnet-apps"
  address_prefixes     = ["10.0.0.0/23"]
}

resource "azurerm_container_app_environment" "apps" {
  name                     = "apps"
  location                 = "westeurope"
  resource_group_name      = "rg-apps"
  infrastructure_subnet_id = azurerm_subnet.apps.id
}
