param sqlPassword string = 'Sh0p-Passw0rd!'

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'contoso-web'
  location: resourceGroup().location
  properties: {
    serverFarmId: resourceId('Microsoft.Web/serverfarms', 'contoso-plan')
    siteConfig: {
      appSettings: [
        {
          name: 'SQL_CONNECTION_STRING'
          value: 'Server=tcp:contoso-sql.database.windows.net,1433;Database=shop;User ID=shop;Password=Sh0p-Passw0rd!;Encrypt=true'
        }
        {
          name: 'SQL_PASSWORD'
          value: sqlPassword
        }
      ]
    }
  }
}
