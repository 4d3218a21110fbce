resource "azapi_resource" "web" {
  type      = "Microsoft.Web/sites@2024-04-01"
  name      = "contoso-web"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      serverFarmId = azurerm_service_plan.plan.id
      siteConfig = {
        appSettings = [
          { name = "EXPORT_CONTAINER_URL", value = "https://contosodata.blob.core.windows.net/exports" },
          { name = "EXPORT_SAS_TOKEN", value = "@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=export-sas)" }
        ]
      }
    }
  }
}
