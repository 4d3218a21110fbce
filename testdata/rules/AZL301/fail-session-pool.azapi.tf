resource "azapi_resource" "pool" {
  type      = "Microsoft.App/sessionPools@2025-07-01"
  name      = "tools"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      containerType      = "CustomContainer"
      poolManagementType = "Dynamic"
      secrets            = [{ name = "acr-password", value = var.acr_password }]
      customContainerTemplate = {
        registryCredentials = {
          server            = "myregistry.azurecr.io"
          username          = "myregistry"
          passwordSecretRef = "acr-password"
        }
        containers = [{ name = "tools", image = "myregistry.azurecr.io/tools:1.0" }]
        ingress    = { targetPort = 8080 }
      }
    }
  }
}

variable "acr_password" {
  type      = string
  sensitive = true
}
