// The stable API version 2024-03-01 has no scale-rule identity: auth is the only option.
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'worker'
  location: resourceGroup().location
  properties: {
    configuration: {
      secrets: [ { name: 'queue-connection', keyVaultUrl: 'https://kv-apps.vault.azure.net/secrets/queue', identity: 'system' } ]
    }
    template: {
      containers: [ { name: 'worker', image: 'myregistry.azurecr.io/worker:1.0' } ]
      scale: {
        rules: [
          {
            name: 'queue'
            azureQueue: {
              queueName: 'orders'
              queueLength: 10
              auth: [ { secretRef: 'queue-connection', triggerParameter: 'connection' } ]
            }
          }
        ]
      }
    }
  }
}
