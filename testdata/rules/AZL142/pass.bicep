resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-orders'
  location: resourceGroup().location
  sku: { name: 'Standard' }
}

resource orders 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: sb
  name: 'orders'
}

resource listen 'Microsoft.ServiceBus/namespaces/queues/authorizationRules@2022-10-01-preview' = {
  parent: orders
  name: 'orders-listen'
  properties: { rights: [ 'Listen' ] }
}

resource worker 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'worker'
  location: resourceGroup().location
  properties: {
    configuration: {
      secrets: [
        { name: 'sb-connection', value: listen.listKeys().primaryConnectionString }
      ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: 'myregistry.azurecr.io/worker:1.0'
          env: [
            { name: 'SERVICEBUS_CONNECTION', secretRef: 'sb-connection' }
            { name: 'SERVICEBUS_NAMESPACE', value: sb.name }
          ]
        }
      ]
    }
  }
}
