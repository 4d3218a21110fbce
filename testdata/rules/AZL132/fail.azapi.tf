resource "azapi_resource" "worker" {
  type      = "Microsoft.ContainerInstance/containerGroups@2023-05-01"
  name      = "worker"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      osType = "Linux"
      imageRegistryCredentials = [
        {
          server   = "contoso.azurecr.io"
          username = "contoso"
          password = "q7Zk3vXy9PbL2mNc8RtW5sJd4HfGa1Ue+ACRbK"
        }
      ]
      containers = []
    }
  }
}
