param envId string

@secure()
param adminPassword string

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'data'
}

// A secure parameter passed through.
module first './app.bicep' = {
  name: 'first'
  params: {
    appName: 'first'
    envId: envId
    dbPassword: adminPassword
  }
}

// A key read at deploy time.
module second './app.bicep' = {
  name: 'second'
  params: {
    appName: 'second'
    envId: envId
    dbPassword: storage.listKeys().keys[0].value
  }
}
