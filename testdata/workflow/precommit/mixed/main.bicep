param location string = resourceGroup().location

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'api'
  location: location
  properties: {
    configuration: {
      secrets: [
        {
          name: 'api-key'
          value: 'sk-live-0123456789abcdef'
        }
      ]
    }
  }
}
