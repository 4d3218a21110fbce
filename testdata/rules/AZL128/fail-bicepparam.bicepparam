using './sql-server.bicep'

param administratorLogin = 'sqladmin'
param administratorLoginPassword = 'Sql-Adm1n!2024'
