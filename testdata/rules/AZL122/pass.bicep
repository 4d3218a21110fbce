@secure()
param certificateBlob string

@secure()
param certificatePassword string

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env'
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customDomainConfiguration: {
      dnsSuffix: 'apps.contoso.com'
      certificateKeyVaultProperties: {
        identity: 'system'
        keyVaultUrl: 'https://contoso-kv.vault.azure.net/secrets/apps-contoso-com'
      }
    }
  }
}

resource env2 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'aca-env-2'
  location: resourceGroup().location
  properties: {
    customDomainConfiguration: {
      dnsSuffix: 'internal.contoso.com'
      certificateValue: certificateBlob
      certificatePassword: certificatePassword
    }
  }
}
