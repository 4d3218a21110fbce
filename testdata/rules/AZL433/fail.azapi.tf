resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2019-09-01"
  name      = "kv-apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      tenantId         = data.azurerm_client_config.current.tenant_id
      sku              = { family = "A", name = "standard" }
      enableSoftDelete = false
    }
  }
}
