param environmentId string
param identityId string
param server string

resource web 'Microsoft.App/containerApps@2025-01-01' = {
  name: 'web'
  location: resourceGroup().location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    configuration: {
      registries: [ { server: server, identity: identityId } ]
    }
    template: { containers: [ { name: 'web', image: '${server}/web:1.0' } ] }
  }
}
