variable "admin_password" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "web" {
  type      = "Microsoft.Compute/virtualMachineScaleSets@2024-07-01"
  name      = "vmss-web"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    sku = { name = "Standard_D2s_v5", capacity = 2 }
    properties = {
      virtualMachineProfile = {
        osProfile = {
          computerNamePrefix = "web"
          adminUsername      = "azureadmin"
          adminPassword      = var.admin_password
        }
      }
    }
  }
}
