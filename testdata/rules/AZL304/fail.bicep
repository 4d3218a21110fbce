param location string = resourceGroup().location

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'publicimages'
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    anonymousPullEnabled: true
  }
}
