@secure()
param certificateBlob string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  properties: {
    customDomainConfiguration: {
      dnsSuffix: 'apps.contoso.com'
      certificateValue: certificateBlob
      certificatePassword: 'Pfx-Passw0rd!2024'
    }
  }
}
