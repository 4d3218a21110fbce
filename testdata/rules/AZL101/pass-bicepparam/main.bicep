param location string = resourceGroup().location
param envId string

// Not declared secure, but the parameter file takes the value from Key Vault.
param dbPassword string

@secure()
param apiKey string

// Not declared secure; the parameter file reads it from the environment at deploy time.
param smtpPassword string

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  properties: {
    environmentId: envId
    configuration: {
      secrets: [
        { name: 'db-password', value: dbPassword }
        { name: 'api-key', value: apiKey }
        { name: 'smtp-password', value: smtpPassword }
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
