resource pool 'Microsoft.App/sessionPools@2025-07-01' = {
  name: 'tools'
  location: resourceGroup().location
  properties: {
    containerType: 'CustomContainer'
    poolManagementType: 'Dynamic'
    secrets: [
      { name: 'openai-key', value: 'sk-proj-abcdefghijklmnop1234' }
    ]
  }
}
