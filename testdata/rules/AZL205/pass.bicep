param location string = resourceGroup().location

resource certReader 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-cert-reader'
  location: location
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${certReader.id}': {}
    }
  }
  properties: {
    customDomainConfiguration: {
      dnsSuffix: 'apps.contoso.com'
      certificateKeyVaultProperties: {
        keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/apps-cert'
        identity: certReader.id
      }
    }
  }
}
