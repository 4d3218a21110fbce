using './sql-server.bicep'

param administratorLogin = 'sqladmin'
param administratorLoginPassword = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg-secrets', 'contoso-kv', 'sql-admin-password')
param location = 'westeurope'
