variable "api_token" {
  type    = string
  default = "tok-1234567890"
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  secret {
    name  = "db-password"
    value = "Sup3rS3cret!"
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name        = "DB_PASSWORD"
        secret_name = "db-password"
      }
    }
  }
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
    name  = "api-token"
    value = var.api_token
  }

  template {
    container {
      name   = "job"
      image  = "myregistry.azurecr.io/job:1.0"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}
