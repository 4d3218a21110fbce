@secure()
param redisPassword string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-dapr'
}

resource cache 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'cache'
  properties: {
    componentType: 'state.redis'
    version: 'v1'
    metadata: [
      { name: 'redisHost', value: 'cache.redis.cache.windows.net:6380' }
      { name: 'redisPassword', value: redisPassword }
      { name: 'azureClientId', value: uai.properties.clientId }
      { name: 'enableTLS', value: 'true' }
    ]
    scopes: [ 'web' ]
  }
}
