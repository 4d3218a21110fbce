// Secure, with a default, but used only as the Key Vault secret's name.
@secure()
param secretName string = 'bankAccountPassword'

// A username marked secure is not a secret.
@secure()
param adminUsername string = 'azureadmin'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: 'kv-apps'
}

@secure()
param secretValue string

resource secret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  name: '${vault.name}/${secretName}'
  properties: { value: secretValue }
}
