param location string = resourceGroup().location

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: location
  properties: {
    customDomainConfiguration: {
      dnsSuffix: 'apps.contoso.com'
      certificateKeyVaultProperties: {
        keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/apps-cert'
        identity: 'system'
      }
    }
  }
}
