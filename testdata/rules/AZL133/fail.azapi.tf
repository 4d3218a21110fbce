resource "azapi_resource" "worker" {
  type      = "Microsoft.ContainerInstance/containerGroups@2023-05-01"
  name      = "worker"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      osType = "Linux"
      containers = [
        {
          name = "worker"
          properties = {
            image     = "contoso.azurecr.io/worker:1.4.2"
            resources = { requests = { cpu = 1, memoryInGB = 1.5 } }
            environmentVariables = [
              { name = "API_TOKEN", value = "ghp_4Xq9Lm2Vt7Rb1Nc8Ks5Hd3Fg6Jw0Pz2Ya7Ue" }
            ]
          }
        }
      ]
    }
  }
}
