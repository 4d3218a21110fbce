param ok string

resource a 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'a'
  properties: {
    allowBlobPublicAccess: ]
    minimumTlsVersion: 'TLS1_2'
  }
}

param = broken

resource b 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'b'
}
