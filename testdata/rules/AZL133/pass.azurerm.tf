resource "azurerm_container_group" "worker" {
  name                = "worker"
  resource_group_name = "rg-aci"
  location            = "westeurope"
  os_type             = "Linux"

  container {
    name   = "worker"
    image  = "contoso.azurecr.io/worker:1.4.2"
    cpu    = 1
    memory = 1.5

    environment_variables = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.worker.client_id
      KEY_VAULT_URL   = "https://contoso-kv.vault.azure.net/"
    }

    secure_environment_variables = {
      STORAGE_CONNECTION_STRING = azurerm_storage_account.data.primary_connection_string
    }
  }
}
