// Parameters that hold a secret's *name*, decided from how they are used.
param registryPassword string = 'registry-password'
param connectionStringKey string = 'AZURE-COSMOS-CONNECTION-STRING'
@secure()
param containerRegistryPassword string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: 'kv-apps'
}

module app 'app.bicep' = {
  name: 'app'
  params: {
    // Passed whole to a module parameter: the module decides what it is.
    registryPassword: registryPassword
    secrets: [
      { name: registryPassword, value: containerRegistryPassword }
    ]
  }
}

resource cosmosSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: connectionStringKey
  properties: { value: containerRegistryPassword }
}

resource web 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    configuration: {
      registries: [
        { server: 'myregistry.azurecr.io', username: 'myregistry', passwordSecretRef: registryPassword }
      ]
    }
    template: {
      containers: [ { name: 'web', image: 'myregistry.azurecr.io/web:1.0' } ]
    }
  }
}

output connectionStringKey string = connectionStringKey
