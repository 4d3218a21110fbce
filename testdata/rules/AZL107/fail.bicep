param location string = resourceGroup().location
param envId string

@secure()
param queueConnection string

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'data'
}

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: 'nightly'
  location: location
  properties: {
    environmentId: envId
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 300
      secrets: [
        { name: 'queue-connection', value: queueConnection }
        { name: 'storage-key', value: storage.listKeys().keys[0].value }
      ]
    }
    template: {
      containers: [
        {
          name: 'job'
          image: 'myregistry.azurecr.io/job:1.0'
          env: [
            { name: 'QUEUE_CONNECTION', secretRef: 'queue-connection' }
            { name: 'STORAGE_KEY', secretRef: 'storage-key' }
          ]
        }
      ]
    }
  }
}
