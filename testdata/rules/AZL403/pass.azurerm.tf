variable "mutual_tls_enabled" {
  type = bool
}

# mutual_tls_enabled sets both peerAuthentication.mtls and peerTrafficConfiguration.encryption.
resource "azurerm_container_app_environment" "apps" {
  name                     = "apps"
  location                 = "westeurope"
  resource_group_name      = "rg-apps"
  infrastructure_subnet_id = azurerm_subnet.apps.id
  mutual_tls_enabled       = true
}

resource "azurerm_container_app_environment" "staged" {
  name                     = "staged"
  location                 = "westeurope"
  resource_group_name      = "rg-apps"
  infrastructure_subnet_id = azurerm_subnet.apps.id
  mutual_tls_enabled       = var.mutual_tls_enabled
}
