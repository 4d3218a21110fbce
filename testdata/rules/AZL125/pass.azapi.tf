variable "storage_key" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "content" {
  type      = "Microsoft.App/managedEnvironments/storages@2024-03-01"
  name      = "content"
  parent_id = azapi_resource.env.id
  body = {
    properties = {
      azureFile = {
        accountName = "acafiles"
        accountKey  = var.storage_key
        shareName   = "content"
        accessMode  = "ReadOnly"
      }
    }
  }
}

resource "azapi_resource" "reports" {
  type      = "Microsoft.App/managedEnvironments/storages@2025-07-01"
  name      = "reports"
  parent_id = azapi_resource.env.id
  body = {
    properties = {
      azureFile = {
        accountName = "acafiles"
        accountKeyVaultProperties = {
          identity    = "system"
          keyVaultUrl = "https://contoso-kv.vault.azure.net/secrets/acafiles-key"
        }
        shareName  = "reports"
        accessMode = "ReadOnly"
      }
    }
  }
}
