resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}

resource admin 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'admin'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        ipSecurityRestrictions: []
      }
    }
    template: {
      containers: [
        {
          name: 'admin'
          image: 'myregistry.azurecr.io/admin:1.0'
        }
      ]
    }
  }
}
