resource "azapi_resource" "cache" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2025-07-01"
  name      = "cache"
  parent_id = azapi_resource.apps.id

  body = {
    properties = {
      componentType = "state.redis"
      version       = "v1"
      metadata = [
        { name = "redisHost", value = "cache.redis.cache.windows.net:6380" },
        { name = "redisPassword", secretRef = "redis-password" },
      ]
      secrets = [
        {
          name        = "redis-password"
          keyVaultUrl = "https://my-vault.vault.azure.net/secrets/redis-password"
          identity    = azurerm_user_assigned_identity.dapr.id
        },
      ]
      scopes = ["web"]
    }
  }
}
