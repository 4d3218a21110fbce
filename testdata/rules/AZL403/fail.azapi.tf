resource "azapi_resource" "apps" {
  type      = "Microsoft.App/managedEnvironments@2024-03-01"
  name      = "apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"

  body = {
    properties = {
      vnetConfiguration = {
        infrastructureSubnetId = azurerm_subnet.apps.id
      }
      peerAuthentication = {
        mtls = { enabled = false }
      }
    }
  }
}
