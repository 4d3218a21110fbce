variable "db_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app_job" "nightly" {
  name                         = "nightly"
  location                     = "westeurope"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  replica_timeout_in_seconds   = 300

  manual_trigger_config {
    parallelism              = 1
    replica_completion_count = 1
  }

  secret {
    name  = "db-password"
    value = var.db_password
  }

  template {
    container {
      name   = "job"
      image  = "myregistry.azurecr.io/job:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name        = "DB_PASSWORD"
        secret_name = "db-passwd"
      }
    }
  }
}
