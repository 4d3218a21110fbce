param location string = resourceGroup().location

@secure()
param busConnection string

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: 'drain'
  location: location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      triggerType: 'Event'
      replicaTimeout: 300
      secrets: [
        {
          name: 'bus-connection'
          value: busConnection
        }
      ]
      eventTriggerConfig: {
        scale: {
          rules: [
            {
              name: 'orders'
              type: 'azure-servicebus'
              metadata: {
                queueName: 'orders'
                messageCount: '5'
              }
              auth: [
                {
                  secretRef: 'bus-connection'
                  triggerParameter: 'connection'
                }
              ]
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
