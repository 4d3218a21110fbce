param location string = resourceGroup().location

resource queueReader 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-queue-reader'
  location: location
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
              accountName: 'mystorage'
              queueName: 'jobs'
              queueLength: 10
              identity: queueReader.id
            }
          }
        ]
      }
    }
  }
}
