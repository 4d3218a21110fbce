resource "azapi_resource" "worker" {
  type      = "Microsoft.ContainerInstance/containerGroups@2023-05-01"
  name      = "worker"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      osType = "Linux"
      containers = [{
        name = "worker"
        properties = {
          image                = "myregistry.azurecr.io/worker:1.0"
          resources            = { requests = { cpu = 1, memoryInGB = 1 } }
          environmentVariables = [{ name = "STORAGE_CONNECTION_STRING", value = azurerm_storage_account.worker.primary_connection_string }]
        }
      }]
    }
  }
}
