resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        secrets = [
          {
            name        = "storage-key"
            keyVaultUrl = "https://my-vault.vault.azure.net/secrets/storage-key"
            identity    = "system"
          },
        ]
      }
      template = {
        containers = [
          {
            name  = "web"
            image = "myregistry.azurecr.io/web:1.0"
            env   = [{ name = "STORAGE_KEY", secretRef = "storage-key" }]
          },
        ]
      }
    }
  }
}
