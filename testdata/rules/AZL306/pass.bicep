param image string

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    template: {
      initContainers: [ { name: 'migrate', image: 'localhost:5000/migrate:2.1.0' } ]
      containers: [
        { name: 'web', image: 'myregistry.azurecr.io/web:1.4.2' }
        { name: 'sidecar', image: 'myregistry.azurecr.io/sidecar@sha256:0d1f3e5a7b9c2d4e6f8a0b1c3d5e7f9a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e' }
        { name: 'from-param', image: image }
      ]
    }
  }
}
