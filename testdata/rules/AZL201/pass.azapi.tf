resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        registries = [{ server = "myregistry.azurecr.io", identity = "system" }]
      }
      template = {
        containers = [{ name = "web", image = "myregistry.azurecr.io/web:1.0" }]
      }
    }
  }
}
