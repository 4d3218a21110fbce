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
            { name = "office", ipAddressRange = "203.0.113.0/24", action = "Allow" },
            { name = "vpn", ipAddressRange = "198.51.100.10/32", action = "Allow" },
          ]
        }
      }
      template = {
        containers = [{ name = "api", image = "myregistry.azurecr.io/api:1.0" }]
      }
    }
  }
}

resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
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
            { name = "scanner", ipAddressRange = "192.0.2.0/24", action = "Deny" },
            { name = "abuse", ipAddressRange = "198.51.100.7/32", action = "Deny" },
          ]
        }
      }
      template = {
        containers = [{ name = "web", image = "myregistry.azurecr.io/web:1.0" }]
      }
    }
  }
}
