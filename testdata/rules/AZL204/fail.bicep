param location string = resourceGroup().location

resource reader 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-queue-reader'
  location: location
}

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: 'drain'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      triggerType: 'Event'
      replicaTimeout: 300
      eventTriggerConfig: {
        scale: {
          rules: [
            {
              name: 'queue'
              type: 'azure-queue'
              metadata: {
                accountName: 'mystorage'
                queueName: 'jobs'
                queueLength: '10'
              }
              identity: reader.id
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'drain'
          image: 'myregistry.azurecr.io/drain:1.0'
        }
      ]
    }
  }
}
