resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {}
}

resource web 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
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
        { name: 'web', image: 'myregistry.azurecr.io/web:1.0' }
      ]
    }
  }
}

resource auth 'Microsoft.App/containerApps/authConfigs@2025-07-01' = {
  parent: web
  name: 'current'
  properties: {
    platform: { enabled: true }
    globalValidation: { unauthenticatedClientAction: 'RedirectToLoginPage' }
  }
}

// Internal ingress: not reachable from the internet.
resource api 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'api'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: false
        targetPort: 8080
      }
    }
    template: {
      containers: [
        { name: 'api', image: 'myregistry.azurecr.io/api:1.0' }
      ]
    }
  }
}
