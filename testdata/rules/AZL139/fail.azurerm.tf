resource "azurerm_container_app_environment_dapr_component" "statestore" {
  name                         = "statestore"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "state.azure.blobstorage"
  version                      = "v1"

  metadata {
    name  = "accountName"
    value = azurerm_storage_account.apps.name
  }

  metadata {
    name  = "accountKey"
    value = azurerm_storage_account.apps.primary_access_key
  }
}
