param location string = resourceGroup().location

@secure()
param queueConnection string

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'worker'
  location: location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      secrets: [
        {
          name: 'queue-connection'
          value: queueConnection
        }
      ]
    }
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
              queueName: 'jobs'
              queueLength: 10
              auth: [
                {
                  secretRef: 'queue-connection'
                  triggerParameter: 'connection'
                }
              ]
            }
          }
        ]
      }
    }
  }
}
