resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {}
}

// Deny-only: the listed range is blocked, every other address is let in.
resource api 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'api'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        ipSecurityRestrictions: [
          { name: 'blocked', ipAddressRange: '198.51.100.0/24', action: 'Deny' }
        ]
      }
    }
    template: {
      containers: [
        { name: 'api', image: 'myregistry.azurecr.io/api:1.0' }
      ]
    }
  }
}
