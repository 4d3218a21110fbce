resource "azurerm_servicebus_namespace" "orders" {
  name                = "sb-orders"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  sku                 = "Standard"
}

resource "azurerm_servicebus_queue_authorization_rule" "listen" {
  name     = "orders-listen"
  queue_id = azurerm_servicebus_queue.orders.id
  listen   = true
}

resource "azurerm_container_app" "worker" {
  name                         = "worker"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  secret {
    name  = "sb-connection"
    value = azurerm_servicebus_queue_authorization_rule.listen.primary_connection_string
  }

  template {
    container {
      name   = "worker"
      image  = "myregistry.azurecr.io/worker:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
      env {
        name  = "SERVICEBUS_NAMESPACE"
        value = azurerm_servicebus_namespace.orders.name
      }
    }
  }
}
