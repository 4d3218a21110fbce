resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-jump'
  location: resourceGroup().location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_B2s'
    }
    osProfile: {
      computerName: 'vm-jump'
      adminUsername: 'azureadmin'
      adminPassword: 'Vm-Adm1n!2024'
    }
  }
}
