// Absent or true: soft delete is on (it cannot be turned off).
resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: 'kv-apps'
  location: resourceGroup().location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
  }
}

resource explicit 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: 'kv-apps-2'
  location: resourceGroup().location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}
