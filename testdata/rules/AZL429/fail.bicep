resource pool 'Microsoft.App/sessionPools@2025-07-01' = {
  name: 'code-interpreter'
  location: resourceGroup().location
  properties: {
    containerType: 'PythonLTS'
    poolManagementType: 'Dynamic'
    sessionNetworkConfiguration: { status: 'EgressEnabled' }
  }
}
