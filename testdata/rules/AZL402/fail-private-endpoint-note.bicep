// Inbound traffic is private (public network access disabled, a private endpoint); only
// outbound control still needs a subnet of its own: a note.
resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-apps'
  location: resourceGroup().location
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'endpoints') }
    privateLinkServiceConnections: [
      {
        name: 'apps'
        properties: {
          privateLinkServiceId: env.id
          groupIds: [ 'managedEnvironments' ]
        }
      }
    ]
  }
}
