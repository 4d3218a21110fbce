variable "db_password" {
  type      = string
  sensitive = true
}

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
          { name = "db-password", value = var.db_password },
          {
            name        = "api-key"
            keyVaultUrl = "https://my-vault.vault.azure.net/secrets/api-key"
            identity    = "system"
          },
          { name = "storage-key", value = azurerm_storage_account.data.primary_access_key },
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
