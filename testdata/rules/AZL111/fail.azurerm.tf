resource "azurerm_container_app_environment_dapr_component" "statestore" {
  name                         = "statestore"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "state.azure.blobstorage"
  version                      = "v1"
  scopes                       = ["web"]

  metadata {
    name  = "accountName"
    value = "mystorage"
  }

  metadata {
    name  = "accountKey"
    value = "c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5=="
  }
}
