resource "azapi_resource" "apps" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stapps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    kind       = "StorageV2"
    sku        = { name = "Standard_LRS" }
    properties = {
      supportsHttpsTrafficOnly = true
    }
  }
}
