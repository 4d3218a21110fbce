resource "azurerm_container_registry" "public" {
  name                   = "publicimages"
  resource_group_name    = "rg"
  location               = "westeurope"
  sku                    = "Premium"
  anonymous_pull_enabled = true
}
