resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: { publicNetworkAccess: 'Disabled' }
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    environmentId: env.id
    configuration: { ingress: { external: true, targetPort: 8080 } }
    template: { containers: [ { name: 'web', image: 'myregistry.azurecr.io/web:1.0' } ] }
  }
}

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-apps'
  location: 'global'
  sku: { name: 'Premium_AzureFrontDoor' }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: profile
  name: 'apps'
  location: 'global'
  properties: { enabledState: 'Enabled' }
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
    hostName: app.properties.configuration.ingress.fqdn
    originHostHeader: app.properties.configuration.ingress.fqdn
    sharedPrivateLinkResource: {
      privateLink: { id: env.id }
      groupId: 'managedEnvironments'
      privateLinkLocation: resourceGroup().location
      requestMessage: 'Front Door'
    }
  }
}

resource wafPolicy 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01' = {
  name: 'wafapps'
  location: 'global'
  sku: { name: 'Premium_AzureFrontDoor' }
  properties: {
    policySettings: { enabledState: 'Enabled', mode: 'Prevention' }
  }
}

resource security 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' = {
  parent: profile
  name: 'waf'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: { id: wafPolicy.id }
      associations: [ { domains: [ { id: endpoint.id } ], patternsToMatch: [ '/*' ] } ]
    }
  }
}
