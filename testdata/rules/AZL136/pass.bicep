resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: 'contoso'
}

resource busRule 'Microsoft.ServiceBus/namespaces/AuthorizationRules@2022-10-01-preview' existing = {
  parent: bus
  name: 'send'
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'contoso-web'
  location: resourceGroup().location
  properties: {
    serverFarmId: resourceId('Microsoft.Web/serverfarms', 'contoso-plan')
    siteConfig: {
      connectionStrings: [
        {
          name: 'Bus'
          type: 'ServiceBus'
          connectionString: busRule.listKeys().primaryConnectionString
        }
      ]
    }
  }
}
