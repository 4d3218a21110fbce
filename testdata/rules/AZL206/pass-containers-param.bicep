// A module whose containers come from its caller: whether they set AZURE_CLIENT_ID (and so
// use the pull identity on purpose) is not known here.
param location string = resourceGroup().location
param containers array
param pullIdentityId string

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${pullIdentityId}': {}
    }
  }
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      registries: [
        {
          server: 'myregistry.azurecr.io'
          identity: pullIdentityId
        }
      ]
    }
    template: {
      containers: containers
    }
  }
}
