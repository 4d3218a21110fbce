param envId string

@secure()
param adminPassword string

// A secure value handed to a secure module parameter.
module app './app.bicep' = {
  name: 'app'
  params: {
    appName: 'web'
    envId: envId
    dbPassword: adminPassword
  }
}
