@secure()
param adminPassword string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosodata'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'contoso-kv'
}

resource keySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'storage-key'
  properties: {
    value: storage.listKeys().keys[0].value
  }
}

@secure()
output storageKey string = storage.listKeys().keys[0].value

@secure()
output password string = adminPassword

output storageId string = storage.id
output storageKeySecretUri string = keySecret.properties.secretUri
output blobEndpoint string = storage.properties.primaryEndpoints.blob
