using './main.bicep'

param envId = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/env'
param dbPassword = 'Sup3rS3cret!'
