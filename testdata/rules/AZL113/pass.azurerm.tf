variable "dapr_app_ids" {
  type = list(string)
}

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
}

resource "azurerm_container_app_environment_dapr_component" "pubsub" {
  name                         = "pubsub"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "pubsub.azure.servicebus.queues"
  version                      = "v1"
  scopes                       = var.dapr_app_ids

  metadata {
    name  = "namespaceName"
    value = "orders.servicebus.windows.net"
  }
}
