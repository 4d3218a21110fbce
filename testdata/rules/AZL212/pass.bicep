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

// The app reads secrets only.
resource officer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appId.id, 'officer')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
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
