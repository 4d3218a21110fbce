resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

// Reachable only through the environment's private endpoint.
resource api 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'api'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
      }
    }
    template: {
      containers: [
        {
          name: 'api'
          image: 'myregistry.azurecr.io/api:1.0'
        }
      ]
    }
  }
}

param restrictions array
resource fromParam 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'from-param'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        // Written elsewhere: may hold Allow rules.
        ipSecurityRestrictions: restrictions
      }
    }
    template: {
      containers: [
        { name: 'api', image: 'myregistry.azurecr.io/api:1.0' }
      ]
    }
  }
}
