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
  host_name                      = azurerm_container_app.web.ingress[0].fqdn
  origin_host_header             = azurerm_container_app.web.ingress[0].fqdn
  certificate_name_check_enabled = true
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  ingress {
    external_enabled = true
    target_port      = 8080
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
