param location string = resourceGroup().location
param envId string

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-web'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'my-vault'
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: { '${uai.id}': {} }
  }
  properties: {
    environmentId: envId
    configuration: {
      secrets: [
        {
          name: 'db-password'
          keyVaultUrl: '${vault.properties.vaultUri}secrets/db-password'
          identity: uai.id
        }
        {
          name: 'api-key'
          keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/api-key'
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
