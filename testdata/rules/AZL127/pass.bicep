resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'aca-insights'
}

resource env 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    daprAIInstrumentationKey: appInsights.properties.InstrumentationKey
  }
}
