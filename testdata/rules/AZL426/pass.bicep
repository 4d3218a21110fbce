resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    configuration: {
      ingress: { external: true, targetPort: 8080 }
    }
    template: {
      containers: [ { name: 'web', image: 'myregistry.azurecr.io/web:1.0' } ]
    }
  }
}

resource waf 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2024-05-01' = {
  name: 'waf-apps'
  location: resourceGroup().location
  properties: {
    policySettings: { state: 'Enabled', mode: 'Prevention' }
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
          backendAddresses: [ { fqdn: app.properties.configuration.ingress.fqdn } ]
        }
      }
    ]
  }
}

// Not in front of Container Apps: another rule set's concern.
resource other 'Microsoft.Network/applicationGateways@2024-05-01' = {
  name: 'agw-vms'
  location: resourceGroup().location
  properties: {
    sku: { name: 'Standard_v2', tier: 'Standard_v2', capacity: 2 }
    backendAddressPools: [
      {
        name: 'vms'
        properties: {
          backendAddresses: [ { ipAddress: '10.0.1.4' } ]
        }
      }
    ]
  }
}
