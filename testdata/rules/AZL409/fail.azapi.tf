resource "azapi_resource" "site" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "site"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        ingress = {
          external      = true
          targetPort    = 8080
          customDomains = [{ name = "legacy.contoso.com", bindingType = "Disabled" }]
        }
      }
      template = {
        containers = [{ name = "site", image = "myregistry.azurecr.io/site:1.0" }]
      }
    }
  }
}
