resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'aca-insights'
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    daprAIConnectionString: appInsights.properties.ConnectionString
  }
}
