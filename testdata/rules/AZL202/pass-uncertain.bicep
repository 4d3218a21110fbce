// The key and the value name the same identity in different ways (a variable, a resource
// reference, resourceId()). The rule cannot prove a mismatch, so it stays quiet.
param location string = resourceGroup().location
param pullName string = 'id-pull'

resource pull 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: pullName
  location: location
}

var pullId = pull.id

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${pullId}': {}
    }
  }
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      registries: [
        {
          server: 'myregistry.azurecr.io'
          identity: pull.id
        }
        {
          server: 'mirror.azurecr.io'
          identity: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', pullName)
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: 'myregistry.azurecr.io/web:1.0'
        }
      ]
    }
  }
}
