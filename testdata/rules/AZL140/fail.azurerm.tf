variable "db_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_group" "worker" {
  name                = "worker"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  os_type             = "Linux"

  container {
    name   = "worker"
    image  = "myregistry.azurecr.io/worker:1.0"
    cpu    = 1
    memory = 1

    environment_variables = {
      DB_PASSWORD = var.db_password
    }
  }
}
