resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {}
}

resource db 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'postgres'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: true
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

resource broker 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'broker'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: {
      ingress: {
        external: false
        targetPort: 8080
        additionalPortMappings: [
          { targetPort: 1883, external: true }
        ]
      }
    }
    template: {
      containers: [
        { name: 'mqtt', image: 'docker.io/library/eclipse-mosquitto:2.0' }
      ]
    }
  }
}
