param location string = resourceGroup().location
param envId string
param secretUri string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'my-vault'
}

resource dbSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: 'db-password'
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    environmentId: envId
    configuration: {
      secrets: [
        { name: 'db-password', keyVaultUrl: dbSecret.properties.secretUri, identity: 'system' }
        { name: 'api-key', keyVaultUrl: '${vault.properties.vaultUri}secrets/api-key', identity: 'system' }
        { name: 'from-param', keyVaultUrl: secretUri, identity: 'system' }
        { name: 'literal', keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/literal', identity: 'system' }
      ]
    }
    template: {
      containers: [
        { name: 'web', image: 'myregistry.azurecr.io/web:1.0' }
      ]
    }
  }
}
