# The registry password is a literal default of a non-sensitive variable: an error.
variable "registry_password" {
  type    = string
  default = "Zq8-registry-Pw-2024"
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  secret {
    name  = "acr-password"
    value = var.registry_password
  }

  registry {
    server               = "myregistry.azurecr.io"
    username             = "myregistry"
    password_secret_name = "acr-password"
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
