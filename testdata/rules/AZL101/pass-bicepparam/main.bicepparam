using './main.bicep'

param envId = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/env'
param dbPassword = az.getSecret('0000', 'rg', 'kv', 'db-password')
param apiKey = az.getSecret('0000', 'rg', 'kv', 'api-key')
param smtpPassword = readEnvironmentVariable('SMTP_PASSWORD')
