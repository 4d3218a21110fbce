resource "azurerm_container_app_environment" "env" {
  name                     = "aca-env"
  location                 = var.region
  resource_group_name      = "rg"
  infrastructure_subnet_id = azurerm_subnet.aca.id
  public_network_access    = "Disabled"
}

resource "azurerm_user_assigned_identity" "uai" {
  name                = "uai"
  location            = var.region
  resource_group_name = "rg"
}
