resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    configuration: {
      secrets: [
        { name: 'aad-client-secret', keyVaultUrl: 'https://kv-apps.vault.azure.net/secrets/aad', identity: 'system' }
      ]
      registries: [
        { server: 'ghcr.io', username: 'octo', passwordSecretRef: 'ghcr-pat' }
      ]
    }
    template: {
      containers: [ { name: 'web', image: 'ghcr.io/octo/web:1.0' } ]
    }
  }
}

resource auth 'Microsoft.App/containerApps/authConfigs@2025-07-01' = {
  parent: app
  name: 'current'
  properties: {
    platform: { enabled: true }
    identityProviders: {
      azureActiveDirectory: {
        registration: {
          clientId: '00000000-0000-0000-0000-000000000001'
          clientSecretSettingName: 'aad-secret'
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
        azureBlobStorage: { sasUrlSettingName: 'token-store-sas' }
      }
    }
  }
}
