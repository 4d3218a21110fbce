param location string = resourceGroup().location
param envId string

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
        }
      ]
    }
    template: {
      containers: [
        { name: 'web', image: 'myregistry.azurecr.io/web:1.0' }
      ]
    }
  }
}
