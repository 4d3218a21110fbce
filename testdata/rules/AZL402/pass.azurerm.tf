variable "infrastructure_subnet_id" {
  type = string
}

resource "azurerm_container_app_environment" "apps" {
  name                           = "apps"
  location                       = "westeurope"
  resource_group_name            = "rg-apps"
  infrastructure_subnet_id       = azurerm_subnet.apps.id
  internal_load_balancer_enabled = true
  mutual_tls_enabled             = true

  workload_profile {
    name                  = "Consumption"
    workload_profile_type = "Consumption"
  }
}

resource "azurerm_container_app_environment" "from_var" {
  name                     = "apps2"
  location                 = "westeurope"
  resource_group_name      = "rg-apps"
  infrastructure_subnet_id = var.infrastructure_subnet_id
}
