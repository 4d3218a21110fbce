param administratorLogin string

@secure()
param administratorLoginPassword string

param location string = resourceGroup().location

resource sql 'Microsoft.Sql/servers@2023-08-01' = {
  name: 'contoso-sql'
  location: location
  properties: {
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorLoginPassword
  }
}
