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
    min_replicas = 0
    max_replicas = 10

    container {
      name   = "worker"
      image  = "myregistry.azurecr.io/worker:1.0"
      cpu    = 0.5
      memory = "1Gi"
    }

    custom_scale_rule {
      name             = "orders"
      custom_rule_type = "azure-servicebus"
      metadata = {
        queueName    = "orders"
        namespace    = azurerm_servicebus_namespace.orders.name
        messageCount = "20"
      }
      authentication {
        secret_name       = "sb-connection"
        trigger_parameter = "connection"
      }
    }

    http_scale_rule {
      name                = "http"
      concurrent_requests = "50"
    }
  }
}
