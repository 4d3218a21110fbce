variable "certificate_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app_environment_certificate" "www" {
  name                         = "www-contoso-com"
  container_app_environment_id = azurerm_container_app_environment.env.id
  certificate_blob_base64      = "MIIKcQIBAzCCCjcGCSqGSIb3DQEHAaCCCigEggokMIIKIDCCBNcGCSqGSIb3DQEHBqCCBMgwggTEAgEAMIIEvQYJKoZIhvcNAQcB"
  certificate_password         = var.certificate_password
}
