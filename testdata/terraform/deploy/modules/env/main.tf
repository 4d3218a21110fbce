variable "location" {
  type = string
}

resource "azurerm_container_app_environment" "this" {
  name                = "env"
  location            = var.location
  resource_group_name = "rg"
}

output "id" {
  value = azurerm_container_app_environment.this.id
}

output "location" {
  value = var.location
}
