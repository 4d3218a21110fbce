variable "certificate_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app_environment_certificate" "www" {
  name                         = "www-contoso-com"
  container_app_environment_id = azurerm_container_app_environment.env.id
  certificate_blob_base64      = data.azurerm_key_vault_secret.www_pfx.value
  certificate_password         = var.certificate_password
}

resource "azurerm_container_app_environment_certificate" "api" {
  name                         = "api-contoso-com"
  container_app_environment_id = azurerm_container_app_environment.env.id
  certificate_key_vault {
    identity            = azurerm_user_assigned_identity.env.id
    key_vault_secret_id = azurerm_key_vault_certificate.api.versionless_secret_id
  }
}
