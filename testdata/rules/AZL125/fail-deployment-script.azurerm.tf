resource "azurerm_resource_deployment_script_azure_cli" "configure" {
  name                = "configure"
  resource_group_name = "rg-apps"
  location            = "westeurope"
  version             = "2.61.0"
  retention_interval  = "PT1H"
  script_content      = "echo configured"

  storage_account {
    name = "stscripts"
    key  = "c3RvcmFnZWtleWV4YW1wbGUxMjM0NTY3ODkwYWJjZGVm"
  }
}
