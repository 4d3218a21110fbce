resource "azurerm_container_app_environment" "apps" {
  name                = "apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
}

resource "azurerm_container_app_environment_certificate" "apps" {
  name                         = "apps-cert"
  container_app_environment_id = azurerm_container_app_environment.apps.id

  certificate_key_vault {
    identity            = azurerm_user_assigned_identity.cert_reader.id
    key_vault_secret_id = "https://my-vault.vault.azure.net/secrets/apps-cert"
  }
}
