module sql './sql-server.bicep' = {
  name: 'sql'
  params: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: 'Sql-Adm1n!2024'
  }
}

module cache 'br/public:avm/res/cache/redis:0.9.0' = {
  name: 'cache'
  params: {
    name: 'contoso-cache'
    redisPassword: 'R3dis-Passw0rd!'
  }
}
