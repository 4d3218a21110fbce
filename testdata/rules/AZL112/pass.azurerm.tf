variable "redis_password" {
  type      = string
  sensitive = true
}

resource "azurerm_container_app_environment_dapr_component" "cache" {
  name                         = "cache"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "state.redis"
  version                      = "v1"
  scopes                       = ["web"]

  metadata {
    name  = "redisHost"
    value = "${azurerm_redis_cache.main.hostname}:6380"
  }

  metadata {
    name        = "redisPassword"
    secret_name = "redis-password"
  }

  secret {
    name  = "redis-password"
    value = var.redis_password
  }

  secret {
    name  = "backup-password"
    value = azurerm_redis_cache.main.primary_access_key
  }
}
