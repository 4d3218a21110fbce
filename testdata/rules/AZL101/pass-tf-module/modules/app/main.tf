variable "name" {
  type = string
}

variable "db_password" {
  type = string
}

resource "azurerm_container_app" "this" {
  name                         = var.name
  resource_group_name          = "rg-apps"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg-apps/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  secret {
    name  = "db-password"
    value = var.db_password
  }

  template {
    container {
      name   = var.name
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}

output "app_id" {
  value = azurerm_container_app.this.id
}
