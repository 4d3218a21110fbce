param location string = resourceGroup().location

@allowed(['Basic', 'Standard', 'Premium'])
param sku string

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'myregistry'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    anonymousPullEnabled: false
  }
}

resource basic 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'basicregistry'
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    anonymousPullEnabled: true
  }
}

resource chosen 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'chosenregistry'
  location: location
  sku: {
    name: sku
  }
  properties: {
    anonymousPullEnabled: true
  }
}
