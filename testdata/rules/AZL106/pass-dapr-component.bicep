@secure()
param storageKey string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource statestore 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'statestore'
  properties: {
    componentType: 'state.azure.blobstorage'
    version: 'v1'
    secrets: [
      { name: 'storage-key', value: storageKey }
    ]
    metadata: [
      { name: 'accountName', value: 'stapps' }
      { name: 'accountKey', secretRef: 'storage-key' }
    ]
  }
}
