resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'contoso-kv'
}

@secure()
param adminPassword string

module sql './sql-server.bicep' = {
  name: 'sql'
  params: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: vault.getSecret('sql-admin-password')
  }
}

module sql2 './sql-server.bicep' = {
  name: 'sql2'
  params: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: adminPassword
    location: 'westeurope'
  }
}

module cache 'br/public:avm/res/cache/redis:0.9.0' = {
  name: 'cache'
  params: {
    name: 'contoso-cache'
    redisPasswordSecretName: 'redis-password'
    keyVaultName: vault.name
  }
}

param vmPassword string

module vm 'br/public:avm/res/compute/virtual-machine:0.15.0' = {
  name: 'vm'
  params: {
    name: 'vm-build'
    adminUsername: 'azureadmin'
    adminPassword: vmPassword
    disablePasswordAuthentication: false
    secrets: []
  }
}
