@secure()
param workspaceKey string

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: 'logs'
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource env2 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env-2'
  location: resourceGroup().location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: workspaceKey
      }
    }
  }
}

resource env3 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env-3'
  location: resourceGroup().location
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
  }
}
