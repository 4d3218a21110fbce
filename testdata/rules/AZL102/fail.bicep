param location string = resourceGroup().location
param envId string
param storageName string = 'data'

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: location
  properties: {
    environmentId: envId
    template: {
      initContainers: [
        {
          name: 'migrate'
          image: 'myregistry.azurecr.io/migrate:1.0'
          env: [
            { name: 'DB_PASSWORD', value: 'hunter2hunter2' }
          ]
        }
      ]
      containers: [
        {
          name: 'web'
          image: 'myregistry.azurecr.io/web:1.0'
          env: [
            {
              name: 'STORAGE'
              value: 'DefaultEndpointsProtocol=https;AccountName=${storageName};AccountKey=c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5==;EndpointSuffix=core.windows.net'
            }
            { name: 'PORT', value: '8080' }
          ]
        }
      ]
    }
  }
}
