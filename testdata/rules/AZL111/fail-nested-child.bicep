resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {}

  resource statestore 'daprComponents' = {
    name: 'statestore'
    properties: {
      componentType: 'state.azure.blobstorage'
      version: 'v1'
      metadata: [
        { name: 'accountName', value: 'mystorage' }
        { name: 'accountKey', value: 'c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5==' }
      ]
      scopes: [ 'web' ]
    }
  }
}
