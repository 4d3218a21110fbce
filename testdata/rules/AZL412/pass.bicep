resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'vnet-apps'

  resource apps 'subnets' existing = {
    name: 'apps'
  }
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      internal: true
      infrastructureSubnetId: vnet::apps.id
    }
  }
}
