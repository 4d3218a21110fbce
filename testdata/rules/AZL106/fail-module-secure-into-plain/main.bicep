param envId string

@secure()
param adminPassword string

// A secure value handed to a module parameter that is not marked secure: the module's
// deployment history shows it (reported in app.bicep, where the module uses the input).
module app './app.bicep' = {
  name: 'app'
  params: {
    appName: 'web'
    envId: envId
    dbPassword: adminPassword
  }
}
