@secure()
param certificatePassword string

var pfx = 'MIIKcQIBAzCCCjcGCSqGSIb3DQEHAaCCCigEggokMIIKIDCCBNcGCSqGSIb3DQEHBqCCBMgwggTEAgEAMIIEvQYJKoZIhvcNAQcB'

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    customDomainConfiguration: {
      dnsSuffix: 'apps.contoso.com'
      certificateValue: pfx
      certificatePassword: certificatePassword
    }
  }
}
