resource "azurerm_container_app_environment" "apps" {
  name                = "apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
}

resource "azurerm_container_app" "partner_api" {
  name                         = "partner-api"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  ingress {
    external_enabled = true
    target_port      = 8080

    ip_security_restriction {
      name             = "partner"
      action           = "Allow"
      ip_address_range = "203.0.113.0/24"
    }

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    container {
      name   = "api"
      image  = "myregistry.azurecr.io/api:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
