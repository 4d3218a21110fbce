variable "admin_enabled" {
  type = bool
}

resource "azurerm_container_registry" "acr" {
  name                = "myregistry"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard"
}

resource "azurerm_container_registry" "chosen" {
  name                = "chosenregistry"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Basic"
  admin_enabled       = var.admin_enabled
}
