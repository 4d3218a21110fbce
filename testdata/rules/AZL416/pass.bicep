resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-web'
}

resource web 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
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

resource auth 'Microsoft.App/containerApps/authConfigs@2025-10-02-preview' = {
  parent: web
  name: 'current'
  properties: {
    platform: {
      enabled: true
    }
    login: {
      tokenStore: {
        enabled: true
        azureBlobStorage: {
          blobContainerUri: 'https://stapps.blob.core.windows.net/tokens'
          managedIdentityResourceId: uai.id
        }
      }
    }
  }
}
