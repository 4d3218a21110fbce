param location string = resourceGroup().location

resource pull 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-pull'
  location: location
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${pull.id}': {}
    }
  }
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      secrets: [
        {
          name: 'db-password'
          keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/db-password'
          identity: pull.id
        }
      ]
      registries: [
        {
          server: 'myregistry.azurecr.io'
          identity: pull.id
        }
      ]
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

// A public image and no credentials: nothing an identity would replace.
resource hello 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'hello'
  location: location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
      ingress: {
        external: true
        targetPort: 80
      }
    }
    template: {
      containers: [
        {
          name: 'hello'
          image: 'mcr.microsoft.com/k8se/quickstart:latest'
        }
      ]
    }
  }
}
