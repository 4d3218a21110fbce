resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: 'contoso-web'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosodata'
}

resource sqlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  name: 'contoso-kv/sql-connection-string'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    WEBSITE_RUN_FROM_PACKAGE: '1'
    STORAGE_CONNECTION: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value}'
    EXPORT_CONTAINER_URL: '${storage.properties.primaryEndpoints.blob}exports'
  }
}

resource connections 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'connectionstrings'
  properties: {
    ShopDb: {
      value: '@Microsoft.KeyVault(SecretUri=${sqlSecret.properties.secretUri})'
      type: 'SQLAzure'
    }
  }
}
