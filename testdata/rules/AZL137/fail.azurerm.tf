resource "azurerm_key_vault_secret" "smtp" {
  name         = "smtp-password"
  key_vault_id = azurerm_key_vault.kv.id
  value        = "Smtp-Passw0rd!2024"
}

# Write-only (Terraform 1.11+): kept out of state, still written in the source.
resource "azurerm_key_vault_secret" "api" {
  name             = "api-token"
  key_vault_id     = azurerm_key_vault.kv.id
  value_wo         = "tok-7Hq2Lx9Vb4Nc"
  value_wo_version = 1
}
