resource env 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apps')
      internal: true
    }
  }
}

resource waf 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2024-05-01' = {
  name: 'waf-apps'
  location: resourceGroup().location
  properties: {
    policySettings: { state: 'Enabled', mode: 'Detection' }
    managedRules: {
      managedRuleSets: [ { ruleSetType: 'OWASP', ruleSetVersion: '3.2' } ]
    }
  }
}

resource gateway 'Microsoft.Network/applicationGateways@2024-05-01' = {
  name: 'agw-apps'
  location: resourceGroup().location
  properties: {
    sku: { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 }
    firewallPolicy: { id: waf.id }
    backendAddressPools: [
      {
        name: 'aca'
        properties: {
          backendAddresses: [ { ipAddress: env.properties.staticIp } ]
        }
      }
    ]
  }
}
