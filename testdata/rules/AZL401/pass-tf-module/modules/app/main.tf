variable "name" {
  type = string
}

variable "allow_insecure_connections" {
  type    = bool
  default = false
}

resource "azurerm_container_app" "this" {
  name                         = var.name
  resource_group_name          = "rg-apps"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg-apps/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  ingress {
    external_enabled           = true
    target_port                = 8080
    allow_insecure_connections = var.allow_insecure_connections

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    container {
      name   = var.name
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
