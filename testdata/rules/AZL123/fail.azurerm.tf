resource "azurerm_container_app_environment_certificate" "www" {
  name                         = "www-contoso-com"
  container_app_environment_id = azurerm_container_app_environment.env.id
  certificate_blob_base64      = data.azurerm_key_vault_secret.www_pfx.value
  certificate_password         = "Pfx-Passw0rd!2024"
}
