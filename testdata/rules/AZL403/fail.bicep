resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apps')
    }
    peerTrafficConfiguration: {
      encryption: {
        enabled: false
      }
    }
  }
}

// Nothing said at all: peer-to-peer encryption is off by default.
resource env2 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps2'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apps2')
    }
  }
}
