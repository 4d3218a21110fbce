@secure()
param administratorLoginPassword string

param sqlAdminGroupObjectId string

resource sql 'Microsoft.Sql/servers@2023-08-01' = {
  name: 'contoso-sql'
  location: resourceGroup().location
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: 'sql-admins'
      sid: sqlAdminGroupObjectId
      tenantId: tenant().tenantId
      principalType: 'Group'
    }
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'contoso-mysql'
  location: resourceGroup().location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    administratorLogin: 'mysqladmin'
    administratorLoginPassword: administratorLoginPassword
  }
}
