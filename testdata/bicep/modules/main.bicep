@secure()
param dbPassword string

module app './app.bicep' = {
  name: 'app'
  params: {
    password: dbPassword
    apiKey: 'literal-key-123'
    name: 'web'
  }
}

module missing './does-not-exist.bicep' = {
  name: 'missing'
  params: {
    value: 'x'
  }
}

module remote 'br/public:avm/res/app/container-app:0.1.0' = if (true) {
  name: 'remote'
  params: {
    token: 'abc'
  }
}
