resource app 'Microsoft.App/containerApps@2025-07-01' existing = {
  name: 'web'
}

resource gateway 'Microsoft.Network/applicationGateways@2024-05-01' = {
  name: 'agw-apps'
  location: resourceGroup().location
  properties: {
    sku: { name: 'Standard_v2', tier: 'Standard_v2', capacity: 2 }
    backendAddressPools: [
      {
        name: 'aca'
        properties: {
          backendAddresses: [ { fqdn: 'web.kindwave-1234abcd.westeurope.azurecontainerapps.io' } ]
        }
      }
    ]
  }
}
