param workspaceKey string = 'cGxhaW50ZXh0LXdvcmtzcGFjZS1rZXktMDEyMzQ1Njc4OWFiY2RlZg=='

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: '6f1a2b3c-0d4e-4f5a-9b8c-7d6e5f4a3b2c'
        sharedKey: workspaceKey
      }
    }
  }
}
