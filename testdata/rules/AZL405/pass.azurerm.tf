# An allow list.
resource "azurerm_container_app" "api" {
  name                         = "api"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  ingress {
    external_enabled = true
    target_port      = 8080

    ip_security_restriction {
      name             = "office"
      action           = "Allow"
      ip_address_range = "203.0.113.0/24"
    }

    ip_security_restriction {
      name             = "vpn"
      action           = "Allow"
      ip_address_range = "198.51.100.10/32"
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

# A deny list.
resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  revision_mode                = "Single"

  ingress {
    external_enabled = true
    target_port      = 8080

    ip_security_restriction {
      name             = "scanner"
      action           = "Deny"
      ip_address_range = "192.0.2.0/24"
    }

    ip_security_restriction {
      name             = "abuse"
      action           = "Deny"
      ip_address_range = "198.51.100.7/32"
    }

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
