resource "azurerm_container_group" "worker" {
  name                = "worker"
  resource_group_name = "rg-aci"
  location            = "westeurope"
  os_type             = "Linux"

  image_registry_credential {
    server   = "contoso.azurecr.io"
    username = "contoso"
    password = "q7Zk3vXy9PbL2mNc8RtW5sJd4HfGa1Ue+ACRbK"
  }

  container {
    name   = "worker"
    image  = "contoso.azurecr.io/worker:1.4.2"
    cpu    = 1
    memory = 1.5
  }
}
