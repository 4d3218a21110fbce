variable "registry_password" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        secrets = [{ name = "acr-password", value = var.registry_password }]
        registries = [
          {
            server            = "myregistry.azurecr.io"
            username          = "myregistry"
            passwordSecretRef = "acr-password"
          }
        ]
      }
      template = {
        containers = [{ name = "web", image = "myregistry.azurecr.io/web:1.0" }]
      }
    }
  }
}
