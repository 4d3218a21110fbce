resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

resource cert 'Microsoft.App/managedEnvironments/managedCertificates@2025-07-01' existing = {
  parent: env
  name: 'www-contoso'
}

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
            certificateId: cert.id
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
