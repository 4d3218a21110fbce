// A Container App with a literal secret value: azlint must block this commit.
param location string = resourceGroup().location

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'orders'
  location: location
  properties: {
    configuration: {
      secrets: [
        {
          name: 'db-password'
          value: 'Pr0d-Passw0rd-2024!'
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
