resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  template {
    init_container {
      name   = "migrate"
      image  = "myregistry.azurecr.io/migrate:1.0"
      cpu    = 0.25
      memory = "0.5Gi"

      env {
        name  = "DATABASE_URL"
        value = "postgres://app:s3cr3t-pw@db.example.com:5432/app"
      }
    }

    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name  = "SMTP_PASSWORD"
        value = "hunter2hunter2"
      }
    }
  }
}

resource "azurerm_container_app_job" "report" {
  name                         = "report"
  location                     = "westeurope"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  replica_timeout_in_seconds   = 600

  schedule_trigger_config {
    cron_expression = "0 3 * * *"
  }

  template {
    container {
      name   = "report"
      image  = "myregistry.azurecr.io/report:1.0"
      cpu    = 0.5
      memory = "1Gi"

      env {
        name  = "STORAGE"
        value = "DefaultEndpointsProtocol=https;AccountName=data;AccountKey=c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5==;EndpointSuffix=core.windows.net"
      }
    }
  }
}
