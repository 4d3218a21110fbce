@description('Environment certificate for www.contoso.com.')
param certificateId string

resource site 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'site'
  location: resourceGroup().location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        customDomains: [
          {
            name: 'www.contoso.com'
            bindingType: 'SniEnabled'
            certificateId: certificateId
          }
          {
            name: 'shop.contoso.com'
            bindingType: 'Auto'
          }
        ]
      }
    }
    template: {
      containers: [
        { name: 'site', image: 'myregistry.azurecr.io/site:1.0' }
      ]
    }
  }
}
