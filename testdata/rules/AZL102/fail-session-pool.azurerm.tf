resource "azurerm_container_app_session_pool" "tools" {
  name                         = "tools"
  resource_group_name          = "rg-apps"
  location                     = "westeurope"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  container_type               = "CustomContainer"
  pool_management_type         = "Dynamic"
  max_concurrent_sessions      = 5
  lifecycle_type               = "Timed"
  cooldown_period_in_seconds   = 300

  custom_container_template {
    ingress_target_port = 8080
    container {
      name   = "tools"
      image  = "myregistry.azurecr.io/tools:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
      env {
        name  = "SEARCH_API_KEY"
        value = "4f8c2e1b9a7d"
      }
    }
  }
}
