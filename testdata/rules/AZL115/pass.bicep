resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource pubsub 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'pubsub'
  properties: {
    componentType: 'pubsub.azure.servicebus.queues'
    version: 'v1'
    secretStoreComponent: 'my-secret-store'
    metadata: [
      { name: 'connectionString', secretRef: 'sb-root-connectionstring' }
    ]
    scopes: [ 'orders' ]
  }
}

resource cache 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'cache'
  properties: {
    componentType: 'state.redis'
    version: 'v1'
    metadata: [
      { name: 'redisPassword', secretRef: 'REDIS-PASSWORD' }
    ]
    secrets: [
      {
        name: 'redis-password'
        keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/redis-password'
        identity: 'system'
      }
    ]
    scopes: [ 'web' ]
  }
}
