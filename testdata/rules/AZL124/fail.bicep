@secure()
param pfxPassword string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'aca-env'
}

resource cert 'Microsoft.App/managedEnvironments/certificates@2025-07-01' = {
  parent: env
  name: 'www-contoso-com'
  location: resourceGroup().location
  properties: {
    value: 'MIIKcQIBAzCCCjcGCSqGSIb3DQEHAaCCCigEggokMIIKIDCCBNcGCSqGSIb3DQEHBqCCBMgwggTEAgEAMIIEvQYJKoZIhvcNAQcB'
    password: pfxPassword
  }
}
