resource "azapi_resource" "apps" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      vnetConfiguration = { infrastructureSubnetId = azurerm_subnet.apps.id, internal = true }
    }
  }
}
