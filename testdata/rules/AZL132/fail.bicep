resource worker 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: 'worker'
  location: resourceGroup().location
  properties: {
    osType: 'Linux'
    imageRegistryCredentials: [
      {
        server: 'contoso.azurecr.io'
        username: 'contoso'
        password: 'q7Zk3vXy9PbL2mNc8RtW5sJd4HfGa1Ue+ACRbK'
      }
    ]
    containers: [
      {
        name: 'worker'
        properties: {
          image: 'contoso.azurecr.io/worker:1.4.2'
          resources: {
            requests: {
              cpu: 1
              memoryInGB: 2
            }
          }
        }
      }
    ]
  }
}
