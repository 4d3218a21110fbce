@description('Subnet delegated to Microsoft.App/environments.')
param infrastructureSubnetId string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'vnet-apps'
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: '${vnet.id}/subnets/apps'
      internal: true
    }
  }
}

// A subnet passed in as a parameter (no default) is just as good.
resource env2 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps2'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
    }
  }
}
