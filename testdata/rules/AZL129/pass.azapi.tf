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
      }
    }
  }
  # azapi 2.x: kept out of state and plan output.
  sensitive_body = {
    properties = {
      osProfile = {
        adminPassword = data.azurerm_key_vault_secret.vm_admin.value
      }
    }
  }
}
