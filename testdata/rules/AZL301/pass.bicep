param location string = resourceGroup().location

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: 'myregistry'
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      registries: [
        {
          server: acr.properties.loginServer
          identity: 'system'
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: '${acr.properties.loginServer}/web:1.0'
        }
      ]
    }
  }
}
