param location string = resourceGroup().location

resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'myregistry'
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
    networkRuleSet: {
      defaultAction: 'Allow'
    }
  }
}
