param envId string

@secure()
param adminPassword string

// Safe: a secure parameter passed through.
module safe './app.bicep' = {
  name: 'safe'
  params: {
    appName: 'safe'
    envId: envId
    dbPassword: adminPassword
  }
}

// Unsafe: a literal, reported here (not in app.bicep, and not for the safe call).
module unsafe './app.bicep' = {
  name: 'unsafe'
  params: {
    appName: 'unsafe'
    envId: envId
    dbPassword: 'Sup3rS3cret!'
  }
}
