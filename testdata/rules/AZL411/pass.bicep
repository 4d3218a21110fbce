resource api 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'api'
  location: resourceGroup().location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        corsPolicy: {
          allowedOrigins: [ 'https://www.contoso.com' ]
          allowCredentials: true
        }
      }
    }
    template: {
      containers: [
        { name: 'api', image: 'myregistry.azurecr.io/api:1.0' }
      ]
    }
  }
}

// Any origin, but no credentials.
resource public 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'public'
  location: resourceGroup().location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        corsPolicy: {
          allowedOrigins: [ '*' ]
          allowCredentials: false
        }
      }
    }
    template: {
      containers: [
        { name: 'public', image: 'myregistry.azurecr.io/public:1.0' }
      ]
    }
  }
}
