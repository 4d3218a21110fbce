@secure()
param dbPassword string
param maxTokens int = 2048

resource group 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: 'worker'
  location: resourceGroup().location
  properties: {
    osType: 'Linux'
    containers: [
      {
        name: 'worker'
        properties: {
          image: 'myregistry.azurecr.io/worker:1.0'
          resources: { requests: { cpu: 1, memoryInGB: 1 } }
          environmentVariables: [
            { name: 'DB_PASSWORD', secureValue: dbPassword }
            { name: 'TOKEN_LIMIT', value: string(maxTokens) }
            { name: 'DB_PASSWORD_SECRET_NAME', value: 'db-password' }
          ]
        }
      }
    ]
  }
}
