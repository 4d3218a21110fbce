// NFS file shares need secure transfer off; the account only accepts traffic from its subnet.
param subnetId string

resource files 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stnfsfiles'
  location: resourceGroup().location
  kind: 'FileStorage'
  sku: { name: 'Premium_LRS' }
  properties: {
    supportsHttpsTrafficOnly: false
    networkAcls: {
      defaultAction: 'Deny'
      virtualNetworkRules: [
        { id: subnetId }
      ]
    }
  }
}

resource nfsShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  name: '${files.name}/default/data'
  properties: {
    enabledProtocols: 'NFS'
    shareQuota: 100
  }
}
