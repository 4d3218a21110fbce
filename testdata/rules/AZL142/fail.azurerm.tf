resource "azurerm_servicebus_namespace" "orders" {
  name                = "sb-orders"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  sku                 = "Standard"
}

resource "azurerm_container_app" "worker" {
  name                         = "worker"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  secret {
    name  = "sb-connection"
    value = azurerm_servicebus_namespace.orders.default_primary_connection_string
  }

  template {
    container {
      name   = "worker"
      image  = "myregistry.azurecr.io/worker:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
      env {
        name        = "SERVICEBUS_CONNECTION"
        secret_name = "sb-connection"
      }
    }
  }
}
