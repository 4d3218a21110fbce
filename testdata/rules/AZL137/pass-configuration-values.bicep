resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: 'kv-apps'
}

// Registry adapter values: plain configuration kept in Key Vault.
resource dword 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'registry-dword-value'
  properties: { value: '336' }
}

resource flag 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'feature-enabled'
  properties: { value: 'true' }
}

resource sample 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'registry-string-value'
  properties: { value: 'MyExampleStringValue' }
}

// A username, not a credential.
resource user 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'docker-username'
  properties: { value: 'octocat' }
}
