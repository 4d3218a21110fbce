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
          // A secret name is not a URL.
          name: 'db-password'
          keyVaultUrl: 'db-password'
          identity: 'system'
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
