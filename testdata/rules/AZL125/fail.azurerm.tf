locals {
  files_key = "c3RvcmFnZWFjY291bnRrZXkwMTIzNDU2Nzg5YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo="
}

resource "azurerm_container_app_environment_storage" "content" {
  name                         = "content"
  container_app_environment_id = azurerm_container_app_environment.env.id
  account_name                 = "acafiles"
  share_name                   = "content"
  access_key                   = local.files_key
  access_mode                  = "ReadOnly"
}
