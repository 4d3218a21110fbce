param location string = resourceGroup().location
param envId string

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-web'
}

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: 'nightly'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${uai.id}': {} }
  }
  properties: {
    environmentId: envId
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 300
      secrets: [
        {
          name: 'queue-connection'
          keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/queue-connection'
          identity: uai.id
        }
        { name: 'placeholder', value: '<SERVICE_BUS_CONNECTION_STRING>' }
        { name: 'zeroed', value: '' }
      ]
    }
    template: {
      containers: [
        {
          name: 'job'
          image: 'myregistry.azurecr.io/job:1.0'
          env: [ { name: 'QUEUE_CONNECTION', secretRef: 'queue-connection' } ]
        }
      ]
    }
  }
}
