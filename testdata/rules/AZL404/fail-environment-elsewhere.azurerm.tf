# The environment lives in another module: the app is exposed unless that environment is
# internal, so the finding has low confidence.
resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = var.environment_id
  revision_mode                = "Single"

  ingress {
    external_enabled = true
    target_port      = 8080

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}

variable "environment_id" {
  type = string
}
