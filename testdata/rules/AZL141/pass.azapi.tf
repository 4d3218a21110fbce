variable "api_token" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "configure" {
  type      = "Microsoft.Resources/deploymentScripts@2023-08-01"
  name      = "configure"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    kind = "AzureCLI"
    properties = {
      azCliVersion         = "2.61.0"
      retentionInterval    = "PT1H"
      environmentVariables = [{ name = "API_TOKEN", secureValue = var.api_token }]
      scriptContent        = "echo configured"
    }
  }
}
