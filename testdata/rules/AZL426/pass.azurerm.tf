resource "azurerm_web_application_firewall_policy" "apps" {
  name                = "waf-apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"

  policy_settings {
    enabled = true
    mode    = "Prevention"
  }

  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

resource "azurerm_application_gateway" "apps" {
  name                = "agw-apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  firewall_policy_id  = azurerm_web_application_firewall_policy.apps.id

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  backend_address_pool {
    name  = "aca"
    fqdns = ["web.kindwave-1234abcd.westeurope.azurecontainerapps.io"]
  }
}
