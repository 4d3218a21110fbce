@secure()
param adminPassword string
@sys.secure()
param otherSecret string
param plainDefault string = 'hunter2'
param noDefault string
param kvName string = 'kv1'

var literalPw = 'P@ssw0rd!'
var viaVar = literalPw
var settings = {
  conn: 'Server=tcp:db;Password=abc123'
  nested: {
    key: plainDefault
  }
}
var list = ['first', adminPassword]

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: kvName
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr1'
  properties: {
    adminUserEnabled: true
  }
}

resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'sa1'
}

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'uai'
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'app'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${uai.id}': {}
    }
  }
  properties: {
    configuration: {
      secrets: [
        { name: 's1', value: adminPassword }
        { name: 's2', value: plainDefault }
        { name: 's3', value: noDefault }
        { name: 's4', value: viaVar }
        { name: 's5', value: settings.conn }
        { name: 's6', value: kv.getSecret('x') }
        { name: 's7', value: sa.listKeys().keys[0].value }
        { name: 's8', value: acr.listCredentials().passwords[0].value }
        { name: 's9', value: reference('x').outputs }
        { name: 's10', value: sa.properties.primaryEndpoints.blob }
        { name: 's11', value: newGuid() }
        { name: 's12', value: 'pre-${adminPassword}-post' }
        { name: 's13', value: 'DefaultEndpointsProtocol=https;AccountKey=${sa.listKeys().keys[0].value}' }
        { name: 's14', value: noDefault == 'a' ? 'literal' : adminPassword }
        { name: 's15', value: noDefault ?? 'fallback' }
        { name: 's16', value: uniqueString(resourceGroup().id) }
        { name: 's17', value: readEnvironmentVariable('X') }
        { name: 's18', value: settings.nested.key }
        { name: 's19', value: list[1] }
        { name: 's20', value: otherSecret }
        { name: 's21', value: resourceId('Microsoft.Storage/storageAccounts', 'sa1') }
        { name: 's22', value: listKeys(sa.id, '2023-01-01').keys[0].value }
      ]
      registries: [
        {
          server: acr.properties.loginServer
          identity: uai.id
        }
      ]
    }
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
  }
  resource subnet 'subnets' = {
    name: 'default'
    properties: {
      addressPrefix: '10.0.0.0/24'
    }
  }
}

resource env 'Microsoft.App/managedEnvironments@2024-03-01' = if (!empty(noDefault)) {
  name: 'env'
  properties: {
    ...{ zoneRedundant: true }
  }
}

resource dapr 'Microsoft.App/managedEnvironments/daprComponents@2024-03-01' = [for (c, i) in range(0, 2): {
  parent: env
  name: 'dapr${i}'
  properties: {
    secrets: [
      { name: 'k', value: c }
    ]
  }
}]

@secure()
output secretOut string = adminPassword
output plainOut string = vnet::subnet.id

var kvSecrets = [
  { name: 'a', value: kv.getSecret('a') }
  { name: 'b', value: adminPassword }
]

resource job 'Microsoft.App/jobs@2024-03-01' = {
  name: 'job'
  properties: {
    configuration: {
      secrets: [for s in kvSecrets: {
        name: s.name
        value: s.value
      }]
    }
  }
}
