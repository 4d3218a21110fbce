param location string = resourceGroup().location
param environmentId string

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrprod'
  location: location
  sku: { name: 'Premium' }
}

resource pullId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'pull-id'
  location: location
}

// The app pulls with an identity that no role assignment of the deployment names.
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
