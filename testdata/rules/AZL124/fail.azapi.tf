variable "pfx_blob" {
  type    = string
  default = "MIIKcQIBAzCCCjcGCSqGSIb3DQEHAaCCCigEggokMIIKIDCCBNcGCSqGSIb3DQEHBqCCBMgwggTEAgEAMIIEvQYJKoZIhvcNAQcB"
}

resource "azapi_resource" "www_cert" {
  type      = "Microsoft.App/managedEnvironments/certificates@2025-07-01"
  name      = "www-contoso-com"
  parent_id = azapi_resource.env.id
  location  = "westeurope"
  body = {
    properties = {
      value    = var.pfx_blob
      password = data.azurerm_key_vault_secret.www_pfx_password.value
    }
  }
}
