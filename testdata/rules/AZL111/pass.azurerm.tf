resource "azurerm_container_app_environment_dapr_component" "statestore" {
  name                         = "statestore"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "state.azure.blobstorage"
  version                      = "v1"
  scopes                       = ["web"]

  metadata {
    name  = "accountName"
    value = azurerm_storage_account.state.name
  }

  metadata {
    name        = "accountKey"
    secret_name = "storage-key"
  }

  metadata {
    name  = "azureClientId"
    value = azurerm_user_assigned_identity.dapr.client_id
  }

  secret {
    name  = "storage-key"
    value = azurerm_storage_account.state.primary_access_key
  }
}
