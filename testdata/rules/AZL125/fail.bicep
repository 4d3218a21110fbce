resource env 'Microsoft.App/managedEnvironments@2025-07-01' existing = {
  name: 'aca-env'
}

resource share 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: env
  name: 'content'
  properties: {
    azureFile: {
      accountName: 'acafiles'
      accountKey: 'c3RvcmFnZWFjY291bnRrZXkwMTIzNDU2Nzg5YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo='
      shareName: 'content'
      accessMode: 'ReadOnly'
    }
  }
}
