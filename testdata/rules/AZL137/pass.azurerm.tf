resource "random_password" "session" {
  length  = 32
  special = false
}

resource "azurerm_key_vault_secret" "session" {
  name         = "session-key"
  key_vault_id = azurerm_key_vault.kv.id
  value        = random_password.session.result
}

resource "azurerm_key_vault_secret" "storage" {
  name         = "storage-connection-string"
  key_vault_id = azurerm_key_vault.kv.id
  value        = azurerm_storage_account.data.primary_connection_string
}
