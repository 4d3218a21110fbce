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

resource "azurerm_application_gateway" "apps" {
  name                = "agw-apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"

  sku {
    name     = "Standard_v2"
    tier     = "Standard_v2"
    capacity = 2
  }

  backend_address_pool {
    name  = "aca"
    fqdns = [azurerm_container_app.web.ingress[0].fqdn]
  }
}
