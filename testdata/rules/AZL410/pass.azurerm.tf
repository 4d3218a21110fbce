resource "azurerm_container_app" "site" {
  name                         = "site"
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
      name   = "site"
      image  = "myregistry.azurecr.io/site:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}

resource "azurerm_container_app_custom_domain" "www" {
  name                                     = "www.contoso.com"
  container_app_id                         = azurerm_container_app.site.id
  certificate_binding_type                 = "SniEnabled"
  container_app_environment_certificate_id = azurerm_container_app_environment_certificate.www.id
}
