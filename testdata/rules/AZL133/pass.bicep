@secure()
param serviceBusConnection string

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: 'contoso'
}

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
              name: 'SERVICEBUS_CONNECTION'
              secureValue: serviceBusConnection
            }
            {
              name: 'SERVICEBUS_NAMESPACE'
              value: '${bus.name}.servicebus.windows.net'
            }
            {
              name: 'AZURE_CLIENT_ID'
              value: '5c0e2b7a-8d31-4f6e-9a42-1b7c3d9e0f68'
            }
          ]
        }
      }
    ]
  }
}
