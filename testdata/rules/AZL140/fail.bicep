param dbPassword string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'stworker'
}

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
            { name: 'DB_PASSWORD', value: dbPassword }
            { name: 'STORAGE_ACCOUNT_KEY', value: storage.listKeys().keys[0].value }
          ]
        }
      }
    ]
  }
}
