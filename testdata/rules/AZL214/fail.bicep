param location string = resourceGroup().location
param environmentId string

resource appId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'web-id'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-apps'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enablePurgeProtection: true
    accessPolicies: [
      {
        tenantId: tenant().tenantId
        objectId: appId.properties.principalId
        // The app reads one secret but may rewrite or delete all of them.
        permissions: { secrets: [ 'get', 'list', 'set', 'delete' ] }
      }
    ]
  }
}

resource web 'Microsoft.App/containerApps@2025-01-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${appId.id}': {} }
  }
  properties: {
    environmentId: environmentId
    configuration: {
      secrets: [
        { name: 'db-password', keyVaultUrl: '${vault.properties.vaultUri}secrets/db-password', identity: appId.id }
      ]
    }
    template: {
      containers: [ { name: 'web', image: 'mcr.microsoft.com/k8se/quickstart:latest' } ]
    }
  }
}
