resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-orders'
  location: resourceGroup().location
  sku: { name: 'Standard' }
}

resource worker 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'worker'
  location: resourceGroup().location
  properties: {
    configuration: {
      secrets: [
        {
          name: 'sb-connection'
          value: listKeys('${sb.id}/AuthorizationRules/RootManageSharedAccessKey', sb.apiVersion).primaryConnectionString
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: 'myregistry.azurecr.io/worker:1.0'
          env: [ { name: 'SERVICEBUS_CONNECTION', secretRef: 'sb-connection' } ]
        }
      ]
    }
  }
}
