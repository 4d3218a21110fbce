resource "azurerm_container_app_job" "processor" {
  name                         = "processor"
  location                     = "westeurope"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  replica_timeout_in_seconds   = 1800

  secret {
    name  = "queue-connection"
    value = azurerm_storage_account.jobs.primary_connection_string
  }

  event_trigger_config {
    parallelism              = 1
    replica_completion_count = 1

    scale {
      rules {
        name             = "queue"
        custom_rule_type = "azure-queue"
        metadata = {
          accountName = azurerm_storage_account.jobs.name
          queueName   = "jobs"
          queueLength = "1"
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
      name   = "processor"
      image  = "myregistry.azurecr.io/processor:1.0"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}
