resource "azurerm_container_app_session_pool" "code" {
  name                    = "codeinterpreter"
  resource_group_name     = "rg-apps"
  location                = "westeurope"
  container_type          = "PythonLTS"
  pool_management_type    = "Dynamic"
  max_concurrent_sessions = 5
  lifecycle_type          = "Timed"
  network_egress_enabled  = true
}
