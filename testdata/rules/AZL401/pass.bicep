param location string = resourceGroup().location

resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'apps'
}

// allowInsecure absent: HTTP is redirected to HTTPS.
resource web 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
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
          name: 'web'
          image: 'myregistry.azurecr.io/web:1.0'
        }
      ]
    }
  }
}

resource auth 'Microsoft.App/containerApps/authConfigs@2025-07-01' = {
  parent: web
  name: 'current'
  properties: {
    platform: {
      enabled: true
    }
  }
}

// TCP ingress: no HTTP redirect to speak of.
resource db 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'db'
  location: location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: false
        transport: 'tcp'
        targetPort: 5432
        exposedPort: 5432
        allowInsecure: true
      }
    }
    template: {
      containers: [
        {
          name: 'db'
          image: 'myregistry.azurecr.io/db:1.0'
        }
      ]
    }
  }
}
