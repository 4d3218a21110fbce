resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'contoso-kv'
}

var smtpPassword = 'Smtp-Passw0rd!2024'

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}
