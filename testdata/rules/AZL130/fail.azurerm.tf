variable "admin_password" {
  type    = string
  default = "Vmss-Adm1n!2024"
}

resource "azurerm_windows_virtual_machine_scale_set" "web" {
  name                 = "vmss-web"
  resource_group_name  = "rg-vm"
  location             = "westeurope"
  sku                  = "Standard_D2s_v5"
  instances            = 2
  admin_username       = "azureadmin"
  admin_password       = var.admin_password
  computer_name_prefix = "web"

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}
