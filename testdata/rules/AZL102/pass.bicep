param location string = resourceGroup().location
param envId string

@secure()
param apiKey string

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
        {
          name: 'db-password'
          keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/db-password'
          identity: 'system'
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
            { name: 'API_KEY', value: apiKey }
            { name: 'AZURE_CLIENT_ID', value: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' }
            { name: 'KEY_VAULT_URL', value: 'https://my-vault.vault.azure.net/' }
            {
              name: 'STORAGE'
              value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=core.windows.net'
            }
            { name: 'REDIS_PASSWORD', value: '__REDIS_PASSWORD__' }
            { name: 'DB_SECRET_NAME', value: 'db-password' }
          ]
        }
      ]
    }
  }
}
