resource "azurerm_cdn_frontdoor_profile" "apps" {
  name                = "afd-apps"
  resource_group_name = "rg-apps"
  sku_name            = "Premium_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_origin_group" "apps" {
  name                     = "apps"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.apps.id
  load_balancing {}
}

resource "azurerm_cdn_frontdoor_origin" "web" {
  name                           = "web"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.apps.id
  host_name                      = "web.kindwave-1234abcd.westeurope.azurecontainerapps.io"
  certificate_name_check_enabled = true

  private_link {
    request_message        = "Front Door"
    target_type            = "managedEnvironments"
    location               = "westeurope"
    private_link_target_id = azurerm_container_app_environment.apps.id
  }
}

resource "azurerm_cdn_frontdoor_firewall_policy" "apps" {
  name                = "wafapps"
  resource_group_name = "rg-apps"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Prevention"
}

resource "azurerm_cdn_frontdoor_security_policy" "apps" {
  name                     = "waf"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.apps.id

  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.apps.id
      association {
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.apps.id
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}
