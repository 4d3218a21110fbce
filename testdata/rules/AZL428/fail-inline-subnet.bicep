resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-apps'
  location: resourceGroup().location
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [
      {
        name: 'apps'
        properties: { addressPrefix: '10.0.0.0/23' }
      }
    ]
  }
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: vnet.properties.subnets[0].id
    }
  }
}
