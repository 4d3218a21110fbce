resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    template: {
      initContainers: [ { name: 'migrate', image: 'myregistry.azurecr.io/migrate' } ]
      containers: [ { name: 'web', image: 'myregistry.azurecr.io/web:latest' } ]
    }
  }
}
