// The stable API version 2024-03-01 has no identitySettings: nothing to fix there.
resource pull 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'acr-pull'
  location: resourceGroup().location
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'web'
  location: resourceGroup().location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${pull.id}': {} }
  }
  properties: {
    configuration: {
      registries: [ { server: 'myregistry.azurecr.io', identity: pull.id } ]
    }
    template: {
      containers: [ { name: 'web', image: 'myregistry.azurecr.io/web:1.0' } ]
    }
  }
}
