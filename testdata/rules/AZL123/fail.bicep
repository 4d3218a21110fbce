@secure()
param pfxBlob string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'aca-env'
}

resource cert 'Microsoft.App/managedEnvironments/certificates@2025-07-01' = {
  parent: env
  name: 'www-contoso-com'
  location: resourceGroup().location
  properties: {
    value: pfxBlob
    password: 'Pfx-Passw0rd!2024'
  }
}
