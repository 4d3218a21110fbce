resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'stapps'
}

@secure()
param storageKey string
param clientId string

resource statestore 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'statestore'
  properties: {
    componentType: 'state.azure.blobstorage'
    version: 'v1'
    secrets: [ { name: 'storage-key', value: storageKey } ]
    metadata: [
      { name: 'accountName', value: storage.name }
      { name: 'accountKey', secretRef: 'storage-key' }
      { name: 'azureClientId', value: clientId }
    ]
  }
}
