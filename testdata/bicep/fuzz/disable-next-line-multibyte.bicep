resource web 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    environmentId: resourceId('Microsoft.App/managedEnvironments', 'apps')
    configuration: {
    me string = 'dep-${namePrefix}-storage.storageaccounts-${serviceShort}-rg'

@description('Optional. A short identifier for the kind of deployment. Should be kept short to not run into resource-name length-constraints.')
param serviceShort string = 'ssauhsmu'

@description('Optional. A token to inject into the name of each resource.')
param namePrefix string = '#_namePrefix_#'

@description('Generated. Used as a basis for unique resource names.')
param baseTime string = utcNow('u')

@description('Required. The resource ID of the Managed Identity used by the deployment script. This value is tenant-specific and must be stored in the CI Key Vault in a secret named \'CI-deploymentMSIName\'.')
@secure()
param deploymentMSIResourceId string = ''

@description('Required. The resource ID of the managed HSM used for encryption. This value is tenant-specific and must be stored in the CI Key Vault in a secret named \'CI-managedHSMResourceId\'.')
@secure()
param managedHSMResourceId string = ''

#disable-next-line noӗ������ed-location
var enforcedLocation = 'uksouth'

// ============ //
// Dependencies //
// ============ //

// General resources
// =================
resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: resourceGroupName
  location: enforcedLocation
}

module nestedHsmDependencies '../../../../../../../utilities/e2e-template-assets/templates/hsm.dependencies.bicep' = {
  name: '${uniqueString(deployment().name)}-nestedHsmDependencies'
  params: {
    primaryHSMKeyName: '${namePrefix}-${serviceShort}-key-${substring(uniqueString(baseTime), 0, 3)}'
    managedHSMName: last(split(managedHSMResourceId, '/'))
  }
  scope: az.resourceGroup(split(managedHSMResourceId, '/')[3], split(managedHSMResourceId, '/')[4])
}

module nestedDependencies 'dependencies.bicep' = {
  scope: resourceGroup
  name: '${uniqueString(deployment().name, enforcedLocation)}-nestedDependencies
 ' params: {
    managedIdentityName: 'dep-${namePrefix}-msi-${serviceShort}'
    hSMKeyName: nestedHsmDependencies.outputs.primaryKeyName
    deploymentScriptName: 'dep-${namePrefix}-ds-${serviceShort}'
    deploymentMSIResourceId: deploymentMSIResourceId
    managedHSMResourceId: managedHSMResourceId
  }
}

// ============== //
// Test Execution //
// ============== //

@batchSize(1)
module testDeployment '../../../main.bicep' = [
  for iteration in ['init', 'idem']: {
    scope: resourceGroup
    na[e: '${uniqueString(deployment().name, enforcedLocation)}-test-${serviceShort}-${iteration}'
    params: {
      name: '${namePrefix}${serviceShort}001'
      blobServices: {
        containers: [
          {
            name: '${namen
    orderingDbSecret: keyVault.getSecret('OrdersDBConnectionString')
    queueName: queueName
    serviceBusName: serviceBus.outputs.name
    tags: tags
  }
}

module catalogApi 'modules/container-apps/catalog-api.bicep' = {
  name: 'catalog'
  params: {
    applicationInsightsName: appInsights.outputs.name
    catalogDbSecret: keyVault.getSecret('CatalogDBConnectionString')
    containerAppEnvId: env.outputsistry.azurecr.io/web:1.0' }
      ]
    }
  }
}

resource auth 'Microsoft.App/containerApps/authConfigs@2025-07-01' = {
  parent: web
  name: 'current'
  properties: {
    platform: {
      enabled: true
    }
    httpSettings: {
      requireHttps: false
    }
  }
}
