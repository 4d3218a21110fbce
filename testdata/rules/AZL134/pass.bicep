resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosofunc'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'contoso-kv'
}

resource sqlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: 'sql-connection-string'
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'contoso-func'
  location: resourceGroup().location
  kind: 'functionapp'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: resourceId('Microsoft.Web/serverfarms', 'contoso-plan')
    siteConfig: {
      appSettings: [
        {
          name: 'AzureWebJobsStorage'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
        }
        {
          name: 'SQL_CONNECTION_STRING'
          value: '@Microsoft.KeyVault(SecretUri=${sqlSecret.properties.secretUri})'
        }
        {
          name: 'KEY_VAULT_URL'
          value: vault.properties.vaultUri
        }
      ]
    }
  }
}
