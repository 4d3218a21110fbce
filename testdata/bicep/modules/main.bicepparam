using './app.bicep'

param password = 'Sup3rSecret!'
param apiKey = az.getSecret('sub', 'rg', 'kv', 'api-key')
param name = readEnvironmentVariable('APP_NAME', 'web')
