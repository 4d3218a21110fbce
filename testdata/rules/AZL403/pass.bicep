@description('Decided per deployment stage; not known here, so not reported.')
param peerEncryption bool

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    peerTrafficConfiguration: {
      encryption: {
        enabled: true
      }
    }
  }
}

// The legacy setting counts too.
resource legacy 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'legacy'
  location: resourceGroup().location
  properties: {
    peerAuthentication: {
      mtls: {
        enabled: true
      }
    }
  }
}

resource staged 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'staged'
  location: resourceGroup().location
  properties: {
    peerTrafficConfiguration: {
      encryption: {
        enabled: peerEncryption
      }
    }
  }
}
