resource "azapi_resource" "jump" {
  type      = "Microsoft.Compute/virtualMachines@2024-07-01"
  name      = "vm-jump"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      hardwareProfile = { vmSize = "Standard_B2s" }
      osProfile = {
        computerName  = "vm-jump"
        adminUsername = "azureadmin"
        adminPassword = "Vm-Adm1n!2024"
      }
    }
  }
}
