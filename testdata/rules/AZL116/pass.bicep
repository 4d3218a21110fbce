param location string = resourceGroup().location
param envId string

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: 'processor'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    environmentId: envId
    configuration: {
      triggerType: 'Event'
      replicaTimeout: 1800
      eventTriggerConfig: {
        scale: {
          rules: [
            {
              name: 'bus'
              type: 'azure-servicebus'
              metadata: { queueName: 'orders', namespace: 'orders', messageCount: '5' }
              identity: 'system'
            }
          ]
        }
      }
    }
    template: {
      containers: [
        { name: 'processor', image: 'myregistry.azurecr.io/processor:1.0' }
      ]
    }
  }
}
