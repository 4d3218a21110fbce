resource "azurerm_container_app_environment_dapr_component" "cache" {
  name                         = "cache"
  container_app_environment_id = azurerm_container_app_environment.apps.id
  component_type               = "state.redis"
  version                      = "v1"
  scopes                       = ["web"]

  metadata {
    name        = "redisPassword"
    secret_name = "redis-password"
  }
}
