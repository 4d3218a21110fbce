param location string = resourceGroup().location
param envId string

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-worker'
}

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: 'orders'
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'worker'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${uai.id}': {} }
  }
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
                namespace: bus.name
                messageCount: '20'
              }
              identity: uai.id
            }
          }
        ]
      }
    }
  }
}
