variable "admin_password" {
  type      = string
  sensitive = true
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

resource "azurerm_linux_virtual_machine_scale_set" "api" {
  name                            = "vmss-api"
  resource_group_name             = "rg-vm"
  location                        = "westeurope"
  sku                             = "Standard_D2s_v5"
  instances                       = 2
  admin_username                  = "azureadmin"
  disable_password_authentication = true

  admin_ssh_key {
    username   = "azureadmin"
    public_key = file("~/.ssh/id_rsa.pub")
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}
