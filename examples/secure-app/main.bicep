// The secure counterpart: azlint reports nothing here.
param location string = resourceGroup().location
param infrastructureSubnetId string

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'demo-app-identity'
  location: location
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'demo-env'
  location: location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      internal: true
    }
    peerTrafficConfiguration: {
      encryption: {
        enabled: true
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'demo-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${uai.id}': {}
    }
  }
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: false
        targetPort: 8080
      }
      secrets: [
        {
          name: 'db-password'
          keyVaultUrl: 'https://demo-kv.vault.azure.net/secrets/db-password'
          identity: uai.id
        }
      ]
      registries: [
        {
          server: 'demoregistry.azurecr.io'
          identity: uai.id
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
              name: 'DB_PASSWORD'
              secretRef: 'db-password'
            }
            {
              name: 'AZURE_CLIENT_ID'
              value: uai.properties.clientId
            }
          ]
        }
      ]
    }
  }
}
