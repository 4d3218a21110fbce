@secure()
param apiToken string

resource script 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: 'configure'
  location: resourceGroup().location
  kind: 'AzureCLI'
  properties: {
    azCliVersion: '2.61.0'
    retentionInterval: 'PT1H'
    environmentVariables: [
      { name: 'API_TOKEN', secureValue: apiToken }
      { name: 'REGION', value: 'westeurope' }
    ]
    scriptContent: 'echo configured'
  }
}
