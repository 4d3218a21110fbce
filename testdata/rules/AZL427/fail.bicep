resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-apps'
  location: 'global'
  sku: { name: 'Standard_AzureFrontDoor' }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'apps'
  properties: {
    loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3 }
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: originGroup
  name: 'web'
  properties: {
    hostName: 'web.kindwave-1234abcd.westeurope.azurecontainerapps.io'
    originHostHeader: 'web.kindwave-1234abcd.westeurope.azurecontainerapps.io'
  }
}
