resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-apps'
  location: resourceGroup().location
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
  }
}

resource subnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'apps'
  properties: {
    addressPrefix: '10.0.0.0/23'
    delegations: [ { name: 'apps', properties: { serviceName: 'Microsoft.App/environments' } } ]
  }
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: subnet.id
      internal: true
    }
  }
}
