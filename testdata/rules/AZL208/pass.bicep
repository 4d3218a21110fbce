param location string = resourceGroup().location

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
              name: 'orders'
              type: 'azure-servicebus'
              metadata: {
                namespace: 'orders-bus'
                queueName: 'orders'
                messageCount: '5'
              }
              identity: 'system'
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
