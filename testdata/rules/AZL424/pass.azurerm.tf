resource "azurerm_container_app_environment" "apps" {
  name                = "apps"
  location            = "westeurope"
  resource_group_name = "rg-apps"
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

# azurerm has no authConfigs resource: azapi declares it on the azurerm app.
resource "azapi_resource" "auth" {
  type      = "Microsoft.App/containerApps/authConfigs@2025-07-01"
  name      = "current"
  parent_id = azurerm_container_app.web.id
  body = {
    properties = {
      platform = { enabled = true }
    }
  }
}
