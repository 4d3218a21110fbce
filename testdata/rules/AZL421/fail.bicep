resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stapps'
  location: resourceGroup().location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_1'
  }
}
