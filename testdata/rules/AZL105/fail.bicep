@secure()
param adminPassword string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosodata'
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'contosoacr'
}

output storageKey string = storage.listKeys().keys[0].value
output acrPassword string = acr.listCredentials().passwords[0].value
output password string = adminPassword
