resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      template = { containers = [{ name = "web", image = "mcr.microsoft.com/k8se/quickstart:1.0" }] }
    }
  }
}
