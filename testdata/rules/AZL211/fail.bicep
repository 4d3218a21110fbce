param location string = resourceGroup().location
param environmentId string

var acrPushRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8311e382-0749-4cb8-b61a-304f252e45ec')

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrprod'
  location: location
  sku: { name: 'Premium' }
}

resource pullId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'pull-id'
  location: location
}

// The identity the app pulls with may push images: a compromised app can backdoor the registry.
resource push 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, pullId.id, acrPushRole)
  scope: acr
  properties: {
    roleDefinitionId: acrPushRole
    principalId: pullId.properties.principalId
    principalType: 'ServicePrincipal'
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
