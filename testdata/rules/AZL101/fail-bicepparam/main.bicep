param location string = resourceGroup().location
param envId string

// Not declared secure: the parameter file's plaintext value flows into the secret.
param dbPassword string

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  properties: {
    environmentId: envId
    configuration: {
      secrets: [
        { name: 'db-password', value: dbPassword }
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
