param envId string

@secure()
param adminPassword string

// One module instance per element of a known list: the element with the secure parameter
// stays quiet; the literal of the other is reported at the argument that passes it (as a
// variable's literal is reported where the variable is used).
var apps = [
  {
    name: 'safe'
    password: adminPassword
  }
  {
    name: 'unsafe'
    password: 'Sup3rS3cret!'
  }
]

module app './app.bicep' = [for a in apps: {
  name: a.name
  params: {
    appName: a.name
    envId: envId
    dbPassword: a.password
  }
}]
