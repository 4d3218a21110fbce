// The private-endpoint design passes AZL423 but not the Policy, which tests `internal` only.
resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
