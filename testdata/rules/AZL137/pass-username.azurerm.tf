resource "azurerm_key_vault_secret" "docker_username" {
  key_vault_id = azurerm_key_vault.apps.id
  name         = "docker-username"
  value        = "octocat"
}
