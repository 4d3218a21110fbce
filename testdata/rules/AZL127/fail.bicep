param daprInstrumentationKey string = '3f8e2a1c-5b7d-4e9f-a0c2-1d3e5f7a9b0c'

resource env 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    daprAIInstrumentationKey: daprInstrumentationKey
  }
}
