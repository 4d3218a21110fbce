variable "db_password" {
  type      = string
  sensitive = true
}

variable "kv_secret_id" {
  type = string
}

resource "random_password" "api" {
  length  = 32
  special = true
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  identity {
    type = "SystemAssigned"
  }

  secret {
    name  = "db-password"
    value = var.db_password
  }

  secret {
    name                = "kv-secret"
    key_vault_secret_id = var.kv_secret_id
    identity            = "System"
  }

  secret {
    name  = "api-key"
    value = random_password.api.result
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}
