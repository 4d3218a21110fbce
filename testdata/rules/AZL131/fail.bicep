resource sql 'Microsoft.Sql/servers@2023-08-01' = {
  name: 'contoso-sql'
  location: resourceGroup().location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: 'Sql-Adm1n!2024'
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'contoso-pg'
  location: resourceGroup().location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: 'pgadmin'
    administratorLoginPassword: 'Pg-${'Adm1n!2024'}'
  }
}
