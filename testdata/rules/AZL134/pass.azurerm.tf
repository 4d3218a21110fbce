resource "azurerm_linux_web_app" "web" {
  name                = "contoso-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.plan.id

  identity {
    type = "SystemAssigned"
  }

  site_config {}

  app_settings = {
    WEBSITE_RUN_FROM_PACKAGE = "1"
    SQL_CONNECTION_STRING    = "@Microsoft.KeyVault(SecretUri=${azurerm_key_vault_secret.sql.versionless_id})"
    STORAGE_CONNECTION       = azurerm_storage_account.data.primary_connection_string
    AZURE_CLIENT_ID          = "5c0e2b7a-8d31-4f6e-9a42-1b7c3d9e0f68"
  }
}
