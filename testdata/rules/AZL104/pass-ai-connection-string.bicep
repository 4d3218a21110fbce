// Application Insights connection strings under short names: telemetry, documented as not
// secret, so not a credential parameter (issue 11 triage).
param daprAIConnectionString string
param aiConnectionString string = ''

resource env 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    daprAIConnectionString: daprAIConnectionString
  }
}

output telemetry string = aiConnectionString
