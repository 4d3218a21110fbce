locals {
  redis_password = "Sup3rS3cret-redis"
}

resource "azurerm_container_app_environment_dapr_component" "cache" {
  name                         = "cache"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "state.redis"
  version                      = "v1"
  scopes                       = ["web"]

  metadata {
    name  = "redisHost"
    value = "cache.redis.cache.windows.net:6380"
  }

  metadata {
    name        = "redisPassword"
    secret_name = "redis-password"
  }

  secret {
    name  = "redis-password"
    value = local.redis_password
  }
}
