@secure()
param redisPassword string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource redis 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: 'cache'
}

resource cache 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'cache'
  properties: {
    componentType: 'state.redis'
    version: 'v1'
    metadata: [
      { name: 'redisHost', value: 'cache.redis.cache.windows.net:6380' }
      { name: 'redisPassword', secretRef: 'redis-password' }
      { name: 'backupPassword', secretRef: 'backup-password' }
    ]
    secrets: [
      { name: 'redis-password', value: redisPassword }
      { name: 'backup-password', value: redis.listKeys().primaryKey }
    ]
    scopes: [ 'web' ]
  }
}
