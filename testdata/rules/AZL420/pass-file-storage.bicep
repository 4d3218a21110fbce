// A FileStorage account holds only file shares: blob public access does not apply.
resource shares 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stshares'
  location: resourceGroup().location
  kind: 'FileStorage'
  sku: { name: 'Premium_LRS' }
  properties: {
    allowBlobPublicAccess: true
    minimumTlsVersion: 'TLS1_2'
  }
}
