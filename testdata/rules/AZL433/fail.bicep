resource vault 'Microsoft.KeyVault/vaults@2019-09-01' = {
  name: 'kv-apps'
  location: resourceGroup().location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableSoftDelete: false
  }
}
