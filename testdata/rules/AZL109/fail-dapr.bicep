resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource statestore 'Microsoft.App/managedEnvironments/daprComponents@2025-07-01' = {
  parent: env
  name: 'statestore'
  properties: {
    componentType: 'state.azure.blobstorage'
    version: 'v1'
    metadata: [
      { name: 'accountName', value: 'stapps' }
      { name: 'accountKey', secretRef: 'account-key' }
    ]
    secrets: [
      {
        name: 'account-key'
        keyVaultUrl: 'https://kv-apps.vault.azure.net/secrets/account-key'
      }
    ]
    scopes: [ 'web' ]
  }
}
