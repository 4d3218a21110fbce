resource "azurerm_container_group" "worker" {
  name                = "worker"
  resource_group_name = "rg-aci"
  location            = "westeurope"
  os_type             = "Linux"

  container {
    name   = "worker"
    image  = "contoso.azurecr.io/worker:1.4.2"
    cpu    = 1
    memory = 1.5

    environment_variables = {
      QUEUE_NAME                = "orders"
      STORAGE_CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=c3RvcmFnZWFjY291bnRrZXkwMTIzNDU2Nzg5YWJjZGVm;EndpointSuffix=core.windows.net"
    }
  }
}
