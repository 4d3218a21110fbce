resource "azurerm_storage_account" "data" {
  name                     = "mystorage"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azapi_resource" "job" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "nightly"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        triggerType    = "Manual"
        replicaTimeout = 300
        secrets = [
          { name = "storage-key", value = azurerm_storage_account.data.primary_access_key }
        ]
        registries = [
          { server = "myregistry.azurecr.io", identity = "system" }
        ]
      }
      template = {
        containers = [{ name = "job", image = "myregistry.azurecr.io/job:1.0" }]
      }
    }
  }
}
