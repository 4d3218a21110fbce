resource certReader 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'cert-reader'
  location: resourceGroup().location
}

// The environment has only a system-assigned identity.
resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  identity: { type: 'SystemAssigned' }
  properties: {}
}

resource cert 'Microsoft.App/managedEnvironments/certificates@2025-07-01' = {
  parent: env
  name: 'apps-cert'
  location: resourceGroup().location
  properties: {
    certificateKeyVaultProperties: {
      keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/apps-cert'
      identity: certReader.id
    }
  }
}

resource files 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: env
  name: 'files'
  properties: {
    azureFile: {
      accountName: 'stapps'
      shareName: 'data'
      accessMode: 'ReadOnly'
      accountKeyVaultProperties: {
        keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/storage-key'
        identity: certReader.id
      }
    }
  }
}
