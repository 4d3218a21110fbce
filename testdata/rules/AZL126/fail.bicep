resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    daprAIConnectionString: 'InstrumentationKey=3f8e2a1c-5b7d-4e9f-a0c2-1d3e5f7a9b0c;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/'
  }
}
