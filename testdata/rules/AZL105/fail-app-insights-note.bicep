resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'ai-apps'
  location: resourceGroup().location
  kind: 'web'
  properties: { Application_Type: 'web' }
}

// Not credentials in Microsoft's guidance: notes, as for Terraform's sensitive attributes.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output instrumentationKey string = appInsights.properties.InstrumentationKey
// Neither a key nor a connection string.
output appInsightsId string = appInsights.id
