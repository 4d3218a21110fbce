resource "azurerm_container_registry" "acr" {
  name                = "myregistry"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard"
}

resource "azurerm_container_registry" "locked" {
  name                   = "lockedregistry"
  resource_group_name    = "rg"
  location               = "westeurope"
  sku                    = "Premium"
  anonymous_pull_enabled = false
}
