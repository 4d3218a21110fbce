param location string = resourceGroup().location
param envId string

@secure()
param dbPassword string

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'data'
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    environmentId: envId
    configuration: {
      secrets: [
        { name: 'db-password', value: dbPassword }
        { name: 'storage-key', value: storage.listKeys().keys[0].value }
        {
          name: 'api-key'
          keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/api-key'
          identity: 'system'
        }
        { name: 'session-key', value: newGuid() }
        { name: 'placeholder', value: '<MY-CONNECTION-STRING-VALUE>' }
        { name: 'zeroed', value: '' }
      ]
    }
    template: {
      containers: [
        { name: 'web', image: 'myregistry.azurecr.io/web:1.0' }
      ]
    }
  }
}
