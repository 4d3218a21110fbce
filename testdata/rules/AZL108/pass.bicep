param location string = resourceGroup().location
param envId string

@secure()
param dbPassword string

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  properties: {
    environmentId: envId
    configuration: {
      secrets: [
        { name: 'db-password', value: dbPassword }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: 'myregistry.azurecr.io/web:1.0'
          env: [
            // Secret names are compared ignoring case.
            { name: 'DB_PASSWORD', secretRef: 'DB-Password' }
          ]
          volumeMounts: [ { volumeName: 'secrets', mountPath: '/mnt/secrets' } ]
        }
      ]
      volumes: [
        {
          name: 'secrets'
          storageType: 'Secret'
          secrets: [ { secretRef: 'db-password', path: 'db-password.txt' } ]
        }
      ]
    }
  }
}
