resource "azapi_resource" "pool" {
  type      = "Microsoft.App/sessionPools@2025-07-01"
  name      = "code-interpreter"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      containerType               = "PythonLTS"
      poolManagementType          = "Dynamic"
      sessionNetworkConfiguration = { status = "EgressDisabled" }
    }
  }
}
