resource "azurerm_container_app_job" "processor" {
  name                         = "processor"
  location                     = "westeurope"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  replica_timeout_in_seconds   = 1800

  event_trigger_config {
    parallelism              = 1
    replica_completion_count = 1

    scale {
      min_executions = 0
      max_executions = 10

      rules {
        name             = "queue"
        custom_rule_type = "azure-queue"
        metadata = {
          queueName  = "jobs"
          connection = "DefaultEndpointsProtocol=https;AccountName=jobs;AccountKey=am9ic2pvYnNqb2Jzam9ic2pvYnM=;EndpointSuffix=core.windows.net"
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
