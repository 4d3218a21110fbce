// A queue scale rule authenticates with a secret the app does not define.
resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'worker'
  location: 'westeurope'
  properties: {
    configuration: {
      secrets: [
        {
          name: 'queue-connection'
          keyVaultUrl: 'https://kv-apps.vault.azure.net/secrets/queue-connection'
          identity: 'system'
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
              queueName: 'orders'
              queueLength: 10
              auth: [
                {
                  secretRef: 'queue-conection'
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
