variable "redis_password" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "cache" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2025-07-01"
  name      = "cache"
  parent_id = azapi_resource.env.id
  body = {
    properties = {
      componentType = "state.redis"
      version       = "v1"
      secrets       = [{ name = "redis-password", value = var.redis_password }]
      metadata = [
        { name = "redisHost", value = "cache.redis.cache.windows.net:6380" },
        { name = "redisPassword", secretRef = "redis-password" },
      ]
    }
  }
}
