// No stored credentials (so AZL201 is quiet), but the Policy wants an identity anyway.
resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    template: {
      containers: [ { name: 'web', image: 'mcr.microsoft.com/k8se/quickstart:1.0' } ]
    }
  }
}
