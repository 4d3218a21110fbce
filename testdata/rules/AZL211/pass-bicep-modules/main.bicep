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
    roleId: '7f951dda-4ed3-4680-a7ca-43fe172d538d' // AcrPull
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
