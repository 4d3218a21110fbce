resource "azurerm_container_app" "worker" {
  name                         = "worker"
  resource_group_name          = "rg-apps"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg-apps/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  template {
    container {
      name   = "worker"
      image  = "myregistry.azurecr.io/worker:1.0"
      cpu    = 0.5
      memory = "1Gi"
    }

    azure_queue_scale_rule {
      name         = "queue"
      queue_name   = "orders"
      queue_length = 10

      authentication {
        secret_name       = "queue-connection"
        trigger_parameter = "connection"
      }
    }
  }
}
