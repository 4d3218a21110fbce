# Neither attribute set: the provider sends enableRbacAuthorization = false.
resource "azurerm_key_vault" "apps" {
  name                = "kv-apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"

  access_policy {
    tenant_id          = data.azurerm_client_config.current.tenant_id
    object_id          = azurerm_user_assigned_identity.app.principal_id
    secret_permissions = ["Get", "List"]
  }
}
