resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'stapps'
}

@secure()
param redisPassword string

resource statestore 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'statestore'
  properties: {
    componentType: 'state.azure.blobstorage'
    version: 'v1'
    metadata: [
      { name: 'accountName', value: storage.name }
      { name: 'accountKey', value: storage.listKeys().keys[0].value }
    ]
  }
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
    ]
  }
}
