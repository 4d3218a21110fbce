resource "azurerm_container_app_session_pool" "tools" {
  name                    = "tools"
  resource_group_name     = "rg-apps"
  location                = "westeurope"
  container_type          = "PythonLTS"
  pool_management_type    = "Dynamic"
  max_concurrent_sessions = 5
  lifecycle_type          = "Timed"

  secret {
    name  = "openai-key"
    value = "sk-proj-abcdefghijklmnop1234"
  }
}
