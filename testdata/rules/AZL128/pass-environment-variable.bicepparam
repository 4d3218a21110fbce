using './sql-server.bicep'

param administratorLogin = 'sqladmin'
param administratorLoginPassword = readEnvironmentVariable('SQL_ADMIN_PASSWORD')
