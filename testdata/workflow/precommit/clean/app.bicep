// The secret comes from a @secure() parameter: nothing to report.
param location string = resourceGroup().location

@secure()
param dbPassword string

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'orders'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    configuration: {
      secrets: [
        {
          name: 'db-password'
          value: dbPassword
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'orders'
          image: 'mcr.microsoft.com/k8se/quickstart:latest'
        }
      ]
    }
  }
}
