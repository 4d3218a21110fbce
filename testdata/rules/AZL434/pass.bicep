resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    configuration: { ingress: { external: false, targetPort: 8080 } }
    template: {
      containers: [ { name: 'web', image: 'mcr.microsoft.com/k8se/quickstart:1.0' } ]
    }
  }
}
