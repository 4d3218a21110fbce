resource "random_password" "admin" {
  length  = 24
  special = true
}

resource "azurerm_windows_virtual_machine" "jump" {
  name                  = "vm-jump"
  resource_group_name   = "rg-vm"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureadmin"
  admin_password        = random_password.admin.result
  network_interface_ids = [azurerm_network_interface.jump.id]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_linux_virtual_machine" "app" {
  name                            = "vm-app"
  resource_group_name             = "rg-vm"
  location                        = "westeurope"
  size                            = "Standard_B2s"
  admin_username                  = "azureadmin"
  disable_password_authentication = true
  network_interface_ids           = [azurerm_network_interface.app.id]

  admin_ssh_key {
    username   = "azureadmin"
    public_key = file("~/.ssh/id_rsa.pub")
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}
