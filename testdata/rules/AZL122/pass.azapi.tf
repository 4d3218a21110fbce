variable "certificate_password" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "aca-env"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      customDomainConfiguration = {
        dnsSuffix           = "apps.contoso.com"
        certificateValue    = data.azurerm_key_vault_secret.apps_pfx.value
        certificatePassword = var.certificate_password
      }
    }
  }
}
