resource worker 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: 'worker'
  location: resourceGroup().location
  properties: {
    osType: 'Linux'
    containers: [
      {
        name: 'worker'
        properties: {
          image: 'contoso.azurecr.io/worker:1.4.2'
          resources: {
            requests: {
              cpu: 1
              memoryInGB: 2
            }
          }
          environmentVariables: [
            {
              name: 'QUEUE_NAME'
              value: 'orders'
            }
            {
              name: 'SERVICEBUS_CONNECTION'
              value: 'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VuZGtleTAxMjM0NTY3ODlhYmNkZWY='
            }
          ]
        }
      }
    ]
  }
}
