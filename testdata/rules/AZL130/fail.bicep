param adminPassword string = 'Vmss-Adm1n!2024'

resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: 'vmss-web'
  location: resourceGroup().location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: 2
  }
  properties: {
    virtualMachineProfile: {
      osProfile: {
        computerNamePrefix: 'web'
        adminUsername: 'azureadmin'
        adminPassword: adminPassword
      }
    }
  }
}
