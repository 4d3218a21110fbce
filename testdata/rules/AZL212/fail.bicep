param location string = resourceGroup().location
param environmentId string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: 'kv-apps'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
  }
}

resource appId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'web-id'
  location: location
}

// The identity the app reads one secret with may rewrite or delete every secret of the vault.
resource officer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appId.id, 'officer')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: appId.properties.principalId
    principalType: 'ServicePrincipal'
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
