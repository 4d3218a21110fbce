resource "azapi_resource" "apps" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = { properties = { publicNetworkAccess = "Disabled" } }
}

# Behind a private endpoint: not reachable from the internet.
resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        ingress = { external = true, targetPort = 8080 }
      }
      template = {
        containers = [{ name = "web", image = "myregistry.azurecr.io/web:1.0" }]
      }
    }
  }
}
