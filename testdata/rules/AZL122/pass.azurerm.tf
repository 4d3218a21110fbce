variable "certificate_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app_environment" "env" {
  name                       = "aca-env"
  location                   = "westeurope"
  resource_group_name        = "rg-aca"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
}

resource "azurerm_container_app_environment_custom_domain" "apps" {
  container_app_environment_id = azurerm_container_app_environment.env.id
  dns_suffix                   = "apps.contoso.com"
  certificate_blob_base64      = data.azurerm_key_vault_secret.apps_pfx.value
  certificate_password         = var.certificate_password
}
