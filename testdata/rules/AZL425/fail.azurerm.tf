resource "azurerm_container_app_environment" "apps" {
  name                = "apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
}

resource "azurerm_container_app" "postgres" {
  name                         = "postgres"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  ingress {
    external_enabled = true
    transport        = "tcp"
    target_port      = 5432
    exposed_port     = 5432
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    container {
      name   = "postgres"
      image  = "docker.io/library/postgres:16"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}
