resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {}
}

// Internal TCP port: reachable inside the environment only.
resource db 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'postgres'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: false
        transport: 'tcp'
        targetPort: 5432
        exposedPort: 5432
      }
    }
    template: {
      containers: [
        { name: 'postgres', image: 'docker.io/library/postgres:16' }
      ]
    }
  }
}

// External TCP, restricted to one address range.
resource partner 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'sftp'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: true
        transport: 'tcp'
        targetPort: 22
        exposedPort: 2222
        ipSecurityRestrictions: [
          { name: 'partner', ipAddressRange: '203.0.113.0/24', action: 'Allow' }
        ]
      }
    }
    template: {
      containers: [
        { name: 'sftp', image: 'docker.io/atmoz/sftp:alpine' }
      ]
    }
  }
}

// External HTTP is AZL404's concern, not this rule's.
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
