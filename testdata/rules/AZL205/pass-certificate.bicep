resource certReader 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'cert-reader'
  location: resourceGroup().location
}

resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  identity: {
    type: 'SystemAssigned,UserAssigned'
    userAssignedIdentities: { '${certReader.id}': {} }
  }
  properties: {}
}

resource cert 'Microsoft.App/managedEnvironments/certificates@2025-07-01' = {
  parent: env
  name: 'apps-cert'
  location: resourceGroup().location
  properties: {
    certificateKeyVaultProperties: {
      keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/apps-cert'
      identity: certReader.id
    }
  }
}

resource systemCert 'Microsoft.App/managedEnvironments/certificates@2025-07-01' = {
  parent: env
  name: 'apps-cert-2'
  location: resourceGroup().location
  properties: {
    certificateKeyVaultProperties: {
      keyVaultUrl: 'https://my-vault.vault.azure.net/secrets/apps-cert-2'
      identity: 'system'
    }
  }
}
