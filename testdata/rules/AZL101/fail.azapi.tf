resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        secrets = [
          { name = "db-password", value = "Sup3rS3cret!" },
        ]
      }
      template = {
        containers = [
          {
            name  = "web"
            image = "myregistry.azurecr.io/web:1.0"
            env   = [{ name = "DB_PASSWORD", secretRef = "db-password" }]
          },
        ]
      }
    }
  }
}
