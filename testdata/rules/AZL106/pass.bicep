param location string = resourceGroup().location
param envId string

@secure()
param dbPassword string

// Not secure, but the value is a Key Vault reference: `value` is ignored.
param legacyValue string

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
          name: 'legacy'
          keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/legacy'
          identity: 'system'
          value: legacyValue
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: 'myregistry.azurecr.io/web:1.0'
          env: [
            { name: 'DB_PASSWORD', secretRef: 'db-password' }
          ]
        }
      ]
    }
  }
}
