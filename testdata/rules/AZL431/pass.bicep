resource cache 'Microsoft.Cache/redis@2024-03-01' = {
  name: 'cache-apps'
  location: resourceGroup().location
  properties: {
    sku: { name: 'Basic', family: 'C', capacity: 0 }
    minimumTlsVersion: '1.2'
  }
}
