@secure()
param adminPassword string

param keyVaultName string
param dbPasswordSecretName string = 'db-password'
param tokenEndpointUrl string
param clientId string
param enableSecretRotation bool = true
param passwordSecretRef string = 'db-password'
param maxTokenCount int = 4096
