// The private-endpoint design: public network access disabled, no virtual network.
resource peOnly 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps-pe'
  location: resourceGroup().location
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource internal 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps-internal'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apps')
      internal: true
    }
  }
}

param publicAccess string
resource unknown 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps-unknown'
  location: resourceGroup().location
  properties: {
    publicNetworkAccess: publicAccess
  }
}
