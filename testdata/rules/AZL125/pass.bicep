resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'aca-env'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'acafiles'
}

resource content 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: env
  name: 'content'
  properties: {
    azureFile: {
      accountName: storage.name
      accountKey: storage.listKeys().keys[0].value
      shareName: 'content'
      accessMode: 'ReadOnly'
    }
  }
}

resource reports 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: env
  name: 'reports'
  properties: {
    azureFile: {
      accountName: storage.name
      accountKeyVaultProperties: {
        identity: 'system'
        keyVaultUrl: 'https://contoso-kv.vault.azure.net/secrets/acafiles-key'
      }
      shareName: 'reports'
      accessMode: 'ReadOnly'
    }
  }
}
