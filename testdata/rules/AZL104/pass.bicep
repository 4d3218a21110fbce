@secure()
param adminPassword string

param keyVaultName string
param dbPasswordSecretName string = 'db-password'
param tokenEndpointUrl string
param clientId string
param enableSecretRotation bool = true
param passwordSecretRef string = 'db-password'
param maxTokenCount int = 4096

type secretType = {
  name: string
  @secure()
  value: string
}

param secrets secretType[]?
param resourceToken string = toLower(uniqueString(subscription().id, resourceGroup().name))
param secretPermissions array = ['get', 'list']
