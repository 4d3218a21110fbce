// A FileStorage account reachable from any network still must not accept plain HTTP.
resource files 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stfiles'
  location: resourceGroup().location
  kind: 'FileStorage'
  sku: { name: 'Premium_LRS' }
  properties: {
    supportsHttpsTrafficOnly: false
  }
}
