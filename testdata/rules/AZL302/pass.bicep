param location string = resourceGroup().location
param enableAdmin bool

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'myregistry'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource defaults 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'defaultregistry'
  location: location
  sku: {
    name: 'Basic'
  }
}

resource chosen 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'chosenregistry'
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: enableAdmin
  }
}
