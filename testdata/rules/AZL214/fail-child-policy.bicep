param environmentId string

// A vault managed elsewhere; this template only adds a policy for the app's identity.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-shared'
}

resource appId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'web-id'
  location: resourceGroup().location
}

resource policies 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01' = {
  parent: vault
  name: 'add'
  properties: {
    accessPolicies: [
      {
        tenantId: tenant().tenantId
        objectId: appId.properties.principalId
        // The app reads secrets but may also purge them for good.
        permissions: { secrets: [ 'get', 'purge' ] }
      }
    ]
  }
}

resource web 'Microsoft.App/containerApps@2025-01-01' = {
  name: 'web'
  location: resourceGroup().location
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
