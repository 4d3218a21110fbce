resource "azapi_resource" "pool" {
  type      = "Microsoft.App/sessionPools@2025-07-01"
  name      = "tools"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      containerType      = "CustomContainer"
      poolManagementType = "Dynamic"
      customContainerTemplate = {
        containers = [{ name = "tools", image = "myregistry.azurecr.io/tools" }]
        ingress    = { targetPort = 8080 }
      }
    }
  }
}
