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

module roles './modules/acr-role.bicep' = {
  name: 'roles'
  params: {
    registryName: acr.name
    principalId: pullId.properties.principalId
    roleId: '8311e382-0749-4cb8-b61a-304f252e45ec' // AcrPush for the identity the app pulls with
  }
}

module app './modules/app.bicep' = {
  name: 'app'
  params: {
    environmentId: environmentId
    identityId: pullId.id
    server: acr.properties.loginServer
  }
}
