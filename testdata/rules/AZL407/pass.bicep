@description('Partner range, set per environment.')
param range string

resource api 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'api'
  location: resourceGroup().location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        ipSecurityRestrictions: [
          { name: 'office', ipAddressRange: '203.0.113.0/24', action: 'Allow' }
          { name: 'host', ipAddressRange: '198.51.100.10', action: 'Allow' }
          { name: 'partner', ipAddressRange: range, action: 'Allow' }
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
