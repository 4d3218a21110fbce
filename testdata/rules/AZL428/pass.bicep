resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-apps'
  location: resourceGroup().location
  properties: {}
}

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
    networkSecurityGroup: { id: nsg.id }
  }
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: subnet.id
    }
  }
}

// A subnet from elsewhere: not known here.
param subnetId string
resource other 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps2'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: subnetId
    }
  }
}
