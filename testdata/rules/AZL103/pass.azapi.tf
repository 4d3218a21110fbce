variable "admin_password" {
  type      = string
  sensitive = true
}

variable "license_key" {
  type      = string
  sensitive = true
  default   = null
}

resource "azapi_resource" "vm" {
  type      = "Microsoft.Compute/virtualMachines@2024-07-01"
  name      = "vm-jump"
  parent_id = azapi_resource.rg.id
  location  = "westeurope"
  body = {
    properties = {
      osProfile = {
        computerName  = "vm-jump"
        adminUsername = "azureadmin"
      }
    }
  }
  sensitive_body = {
    properties = {
      osProfile = {
        adminPassword = var.admin_password
      }
    }
  }
}
