resource "azurerm_container_app" "worker" {
  name                         = "worker"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

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
        messageCount = "20"
        connection   = "Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=Listen;SharedAccessKey=abcdefghij1234567890="
      }
    }
  }
}
