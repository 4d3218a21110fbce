// A deliberately insecure Container Apps deployment: run `azlint check examples/` to see
// what azlint reports. Every finding points at the line below that causes it.
param location string = resourceGroup().location

@secure()
param dbPassword string

param registryPassword string = 'Sup3rS3cret!' // secret-looking, not @secure(), literal default

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'demo-env'
  location: location
  properties: {}
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'demo-app'
  location: location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        allowInsecure: true
      }
      secrets: [
        {
          name: 'api-key'
          value: 'hunter2-hunter2'
        }
        {
          name: 'db-password'
          value: dbPassword
        }
        {
          name: 'registry-password'
          value: registryPassword
        }
      ]
      registries: [
        {
          server: 'demoregistry.azurecr.io'
          username: 'demoregistry'
          passwordSecretRef: 'registry-password'
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: 'demoregistry.azurecr.io/web:1.0'
          env: [
            {
              name: 'STORAGE_CONNECTION'
              value: 'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=bm90LWEtcmVhbC1rZXk=;EndpointSuffix=core.windows.net'
            }
            {
              name: 'DB_PASSWORD'
              secretRef: 'db-password'
            }
          ]
        }
      ]
    }
  }
}
