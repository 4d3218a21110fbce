resource "azapi_resource" "apps" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    properties = {
      vnetConfiguration = {
        infrastructureSubnetId = azurerm_subnet.apps.id
        internal               = false
      }
    }
  }
}

resource "azapi_resource" "admin" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "admin"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        ingress = {
          external   = true
          targetPort = 8080
        }
      }
      template = {
        containers = [{ name = "admin", image = "myregistry.azurecr.io/admin:1.0" }]
      }
    }
  }
}
