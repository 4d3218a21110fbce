resource "azurerm_container_registry" "acr" {
  name                = "myregistry"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard"
  admin_enabled       = true
}

resource "azapi_resource" "job" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "nightly"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        triggerType    = "Manual"
        replicaTimeout = 300
        secrets = [
          { name = "acr-password", value = azurerm_container_registry.acr.admin_password }
        ]
        registries = [
          {
            server            = azurerm_container_registry.acr.login_server
            username          = azurerm_container_registry.acr.admin_username
            passwordSecretRef = "acr-password"
          }
        ]
      }
      template = {
        containers = [{ name = "job", image = "myregistry.azurecr.io/job:1.0" }]
      }
    }
  }
}
