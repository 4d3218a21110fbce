resource "azapi_resource" "api" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "api"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        ingress = {
          external               = true
          targetPort             = 8080
          ipSecurityRestrictions = [
            { name = "everyone", ipAddressRange = "0.0.0.0/00", action = "Allow" },
          ]
        }
      }
      template = {
        containers = [{ name = "api", image = "myregistry.azurecr.io/api:1.0" }]
      }
    }
  }
}
