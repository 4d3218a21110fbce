resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
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
    ]
    scopes: [ 'web' ]
  }
}
