variable "redis_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app" "worker" {
  name                         = "worker"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  identity {
    type = "SystemAssigned"
  }

  secret {
    name  = "redis-password"
    value = var.redis_password
  }

  template {
    container {
      name   = "worker"
      image  = "myregistry.azurecr.io/worker:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }

    azure_queue_scale_rule {
      name         = "queue"
      queue_name   = "jobs"
      queue_length = 10
      identity     = "System"
    }

    custom_scale_rule {
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
