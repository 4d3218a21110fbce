resource sql 'Microsoft.Sql/servers@2023-08-01' existing = {
  name: 'sql-apps'
}

resource egress 'Microsoft.Sql/servers/firewallRules@2023-08-01' = {
  parent: sql
  name: 'container-apps-egress'
  properties: {
    startIpAddress: '20.50.10.4'
    endIpAddress: '20.50.10.4'
  }
}

param endAddress string
resource fromParam 'Microsoft.Sql/servers/firewallRules@2023-08-01' = {
  parent: sql
  name: 'from-param'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: endAddress
  }
}
