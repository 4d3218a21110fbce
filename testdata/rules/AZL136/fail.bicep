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
          connectionString: 'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VuZGtleTAxMjM0NTY3ODlhYmNkZWY='
        }
      ]
    }
  }
}
