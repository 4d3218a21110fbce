param location string = resourceGroup().location
param environmentId string
param ciPrincipalId string

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrprod'
  location: location
  sku: { name: 'Premium' }
}

resource pullId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'pull-id'
  location: location
}

resource buildId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'build-id'
  location: location
}

// The pull identity gets AcrPull only.
resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, pullId.id, 'AcrPull')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: pullId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The build identity pushes, but no app pulls with it.
resource push 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, buildId.id, 'AcrPush')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8311e382-0749-4cb8-b61a-304f252e45ec')
    principalId: buildId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// A principal from outside the deployment: not known to pull.
resource ci 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, ciPrincipalId, 'Contributor')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
    principalId: ciPrincipalId
  }
}

resource web 'Microsoft.App/containerApps@2025-01-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${pullId.id}': {} }
  }
  properties: {
    environmentId: environmentId
    configuration: {
      registries: [
        { server: acr.properties.loginServer, identity: pullId.id }
      ]
    }
    template: {
      containers: [ { name: 'web', image: '${acr.properties.loginServer}/web:1.0' } ]
    }
  }
}
