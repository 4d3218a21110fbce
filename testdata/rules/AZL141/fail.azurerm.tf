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
      LOG_LEVEL = "info"
    }
    secure_environment_variables = {
      DB_PASSWORD = "Sup3rS3cret!"
    }
  }
}
