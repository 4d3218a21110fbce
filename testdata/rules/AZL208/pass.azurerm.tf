# A scaler outside Azure (Redis) cannot use a managed identity: not reported.
variable "redis_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app_job" "drain" {
  name                         = "drain"
  location                     = "westeurope"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  replica_timeout_in_seconds   = 300

  secret {
    name  = "redis-password"
    value = var.redis_password
  }

  event_trigger_config {
    scale {
      rules {
        name             = "cache"
        custom_rule_type = "redis"
        metadata = {
          address  = "cache.contoso.com:6380"
          listName = "jobs"
        }
        authentication {
          secret_name       = "redis-password"
          trigger_parameter = "password"
        }
      }
    }
  }

  template {
    container {
      name   = "drain"
      image  = "myregistry.azurecr.io/drain:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
