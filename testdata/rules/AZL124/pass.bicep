@secure()
param pfxBlob string

@secure()
param pfxPassword string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'aca-env'
}

resource kvCert 'Microsoft.App/managedEnvironments/certificates@2025-07-01' = {
  parent: env
  name: 'www-contoso-com'
  location: resourceGroup().location
  properties: {
    certificateKeyVaultProperties: {
      identity: 'system'
      keyVaultUrl: 'https://contoso-kv.vault.azure.net/secrets/www-contoso-com'
    }
  }
}

resource uploaded 'Microsoft.App/managedEnvironments/certificates@2025-07-01' = {
  parent: env
  name: 'api-contoso-com'
  location: resourceGroup().location
  properties: {
    value: pfxBlob
    password: pfxPassword
  }
}
