resource "azurerm_container_app" "web" {
  name                         = "web"
  container_app_environment_id = var.environment_id
  resource_group_name          = var.resource_group_name
  revision_mode                = "Single"

  secret {
    name  = "db-password"
    value = "Pr0d-Passw0rd-2024!"
  }

  template {
    container {
      name   = "web"
      image  = "mcr.microsoft.com/k8se/quickstart:latest"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}

variable "environment_id" {
  type = string
}

variable "resource_group_name" {
  type = string
}
