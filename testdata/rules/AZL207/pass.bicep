param location string = resourceGroup().location

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'mystorage'
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'worker'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    template: {
      containers: [
        {
          name: 'worker'
          image: 'myregistry.azurecr.io/worker:1.0'
        }
      ]
      scale: {
        rules: [
          {
            name: 'queue'
            azureQueue: {
              accountName: storage.name
              queueName: 'jobs'
              queueLength: 10
              identity: 'system'
            }
          }
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}
