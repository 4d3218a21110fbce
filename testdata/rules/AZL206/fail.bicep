param location string = resourceGroup().location

resource pull 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-pull'
  location: location
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${pull.id}': {}
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
