resource script 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: 'configure'
  location: resourceGroup().location
  kind: 'AzureCLI'
  properties: {
    azCliVersion: '2.61.0'
    retentionInterval: 'PT1H'
    storageAccountSettings: {
      storageAccountName: 'stscripts'
      storageAccountKey: 'c3RvcmFnZWtleWV4YW1wbGUxMjM0NTY3ODkwYWJjZGVm'
    }
    environmentVariables: [
      { name: 'API_TOKEN', secureValue: 'tok_live_8f7e6d5c4b3a' }
    ]
    scriptContent: 'echo configured'
  }
}
