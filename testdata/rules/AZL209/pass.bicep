resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-apps'
  location: resourceGroup().location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
  }
}

// From API 2026-02-01 a new vault uses Azure RBAC when the property is absent.
resource vault2026 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'kv-apps-2026'
  location: resourceGroup().location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

param useRbac bool
resource fromParam 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-apps-param'
  location: resourceGroup().location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: useRbac
  }
}
