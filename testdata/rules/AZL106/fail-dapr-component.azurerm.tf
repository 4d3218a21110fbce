variable "storage_key" {
  type = string
}

resource "azurerm_container_app_environment_dapr_component" "statestore" {
  name                         = "statestore"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "state.azure.blobstorage"
  version                      = "v1"

  secret {
    name  = "storage-key"
    value = var.storage_key
  }

  metadata {
    name        = "accountKey"
    secret_name = "storage-key"
  }
}
