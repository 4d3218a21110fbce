variable "queue_connection" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app_job" "drain" {
  name                         = "drain"
  location                     = "westeurope"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  replica_timeout_in_seconds   = 300

  secret {
    name  = "queue-connection"
    value = var.queue_connection
  }

  event_trigger_config {
    scale {
      rules {
        name             = "queue"
        custom_rule_type = "azure-queue"
        metadata = {
          queueName   = "jobs"
          queueLength = "10"
        }
        authentication {
          secret_name       = "queue-connection"
          trigger_parameter = "connection"
        }
      }
    }
  }

  template {
    container {
      name   = "drain"
      image  = "myregistry.azurecr.io/drain:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
