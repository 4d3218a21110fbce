param location string = resourceGroup().location
param envId string

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'worker'
  location: location
  properties: {
    environmentId: envId
    template: {
      containers: [
        { name: 'worker', image: 'myregistry.azurecr.io/worker:1.0' }
      ]
      scale: {
        rules: [
          {
            name: 'orders'
            custom: {
              type: 'azure-servicebus'
              metadata: {
                queueName: 'orders'
                connection: 'Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=Listen;SharedAccessKey=abcdefghij1234567890='
              }
            }
          }
        ]
      }
    }
  }
}
