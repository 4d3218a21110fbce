resource pull 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'acr-pull'
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'contoso'
}

resource worker 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: 'worker'
  location: resourceGroup().location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${pull.id}': {}
    }
  }
  properties: {
    osType: 'Linux'
    imageRegistryCredentials: [
      {
        server: acr.properties.loginServer
        identity: pull.id
      }
    ]
    containers: []
  }
}

resource legacy 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: 'legacy'
  location: resourceGroup().location
  properties: {
    osType: 'Linux'
    imageRegistryCredentials: [
      {
        server: acr.properties.loginServer
        username: acr.listCredentials().username
        password: acr.listCredentials().passwords[0].value
      }
    ]
    containers: []
  }
}
