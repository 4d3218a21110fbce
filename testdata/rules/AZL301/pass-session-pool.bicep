resource pool 'Microsoft.App/sessionPools@2025-07-01' = {
  name: 'tools'
  location: resourceGroup().location
  identity: { type: 'SystemAssigned' }
  properties: {
    containerType: 'CustomContainer'
    poolManagementType: 'Dynamic'
    customContainerTemplate: {
      registryCredentials: {
        server: 'myregistry.azurecr.io'
        identity: 'system'
      }
      containers: [
        { name: 'tools', image: 'myregistry.azurecr.io/tools:1.0' }
      ]
      ingress: { targetPort: 8080 }
    }
  }
}
