resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-apps'
  location: resourceGroup().location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    accessPolicies: [
      {
        tenantId: tenant().tenantId
        objectId: '00000000-0000-0000-0000-000000000001'
        permissions: { secrets: [ 'get', 'list' ] }
      }
    ]
  }
}
