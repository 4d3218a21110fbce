param location string = resourceGroup().location

@secure()
param ghcrPassword string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'mystorage'
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      secrets: [
        {
          name: 'ghcr-password'
          value: ghcrPassword
        }
        {
          name: 'storage-key'
          value: storage.listKeys().keys[0].value
        }
      ]
      registries: [
        {
          server: 'ghcr.io'
          username: 'contoso-bot'
          passwordSecretRef: 'ghcr-password'
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: 'ghcr.io/contoso/web:1.0'
        }
      ]
    }
  }
}
