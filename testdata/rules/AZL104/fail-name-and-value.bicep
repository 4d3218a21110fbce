// Used as a secret's name *and* as a value: it may hold the secret itself.
param apiToken string = 'tok_live_8f7e6d5c4b3a'

resource web 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    configuration: {
      secrets: [ { name: 'api-token', value: apiToken } ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: 'myregistry.azurecr.io/web:1.0'
          env: [ { name: apiToken, secretRef: 'api-token' } ]
        }
      ]
    }
  }
}
