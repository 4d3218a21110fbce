resource "azapi_resource" "apps" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    properties = {
      workloadProfiles = [{ name = "Consumption", workloadProfileType = "Consumption" }]
    }
  }
}

resource "azapi_resource" "pe" {
  type      = "Microsoft.Network/privateEndpoints@2024-05-01"
  name      = "pe-apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    properties = {
      subnet                        = { id = azurerm_subnet.endpoints.id }
      privateLinkServiceConnections = [
        {
          name       = "apps"
          properties = {
            privateLinkServiceId = azapi_resource.apps.id
            groupIds             = ["managedEnvironments"]
          }
        }
      ]
    }
  }
}
