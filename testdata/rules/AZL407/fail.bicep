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
          { name: 'office', ipAddressRange: '203.0.113.0/33', action: 'Allow' }
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
