param location string = resourceGroup().location
param envId string

// Not secure, with a default: the default is a plaintext secret.
param apiToken string = 'tok-1234567890'

var dbPassword = 'Sup3rS3cret!'

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  properties: {
    environmentId: envId
    configuration: {
      secrets: [
        { name: 'db-password', value: dbPassword }
        { name: 'api-token', value: apiToken }
        { name: 'smtp-password', value: 'hunter2hunter2' }
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
