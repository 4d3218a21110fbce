@secure()
param adminPassword string

param sshPublicKey string

resource win 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-win'
  location: resourceGroup().location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_B2s'
    }
    osProfile: {
      computerName: 'vm-win'
      adminUsername: 'azureadmin'
      adminPassword: adminPassword
    }
  }
}

resource linux 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'vm-linux'
  location: resourceGroup().location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_B2s'
    }
    osProfile: {
      computerName: 'vm-linux'
      adminUsername: 'azureadmin'
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: {
          publicKeys: [
            {
              path: '/home/azureadmin/.ssh/authorized_keys'
              keyData: sshPublicKey
            }
          ]
        }
      }
    }
  }
}
