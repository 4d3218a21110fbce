resource pool 'Microsoft.App/sessionPools@2025-07-01' = {
  name: 'tools'
  location: resourceGroup().location
  properties: {
    containerType: 'CustomContainer'
    poolManagementType: 'Dynamic'
    secrets: [
      { name: 'acr-password', value: acrPassword }
    ]
    customContainerTemplate: {
      registryCredentials: {
        server: 'myregistry.azurecr.io'
        username: 'myregistry'
        passwordSecretRef: 'acr-password'
      }
      containers: [
        { name: 'tools', image: 'myregistry.azurecr.io/tools:1.0' }
      ]
      ingress: { targetPort: 8080 }
    }
  }
}

@secure()
param acrPassword string
