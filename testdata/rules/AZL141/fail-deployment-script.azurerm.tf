resource "azurerm_resource_deployment_script_azure_cli" "configure" {
  name                = "configure"
  resource_group_name = "rg-apps"
  location            = "westeurope"
  version             = "2.61.0"
  retention_interval  = "PT1H"
  script_content      = "echo configured"

  environment_variable {
    name         = "API_TOKEN"
    secure_value = "tok_live_8f7e6d5c4b3a"
  }
}
