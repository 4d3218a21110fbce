variable "api_token" {
  type      = string
  sensitive = true
}

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
              { name = "API_TOKEN", secureValue = var.api_token },
              { name = "API_TOKEN_URL", value = "https://login.contoso.com/oauth2/token" }
            ]
          }
        }
      ]
    }
  }
}
