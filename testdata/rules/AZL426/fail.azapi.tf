resource "azapi_resource" "waf" {
  type      = "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2024-05-01"
  name      = "waf-apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      policySettings = { state = "Disabled", mode = "Prevention" }
      managedRules   = { managedRuleSets = [{ ruleSetType = "OWASP", ruleSetVersion = "3.2" }] }
    }
  }
}

resource "azapi_resource" "gateway" {
  type      = "Microsoft.Network/applicationGateways@2024-05-01"
  name      = "agw-apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      sku            = { name = "WAF_v2", tier = "WAF_v2", capacity = 2 }
      firewallPolicy = { id = azapi_resource.waf.id }
      backendAddressPools = [{
        name       = "aca"
        properties = { backendAddresses = [{ fqdn = "web.kindwave-1234abcd.westeurope.azurecontainerapps.io" }] }
      }]
    }
  }
}
