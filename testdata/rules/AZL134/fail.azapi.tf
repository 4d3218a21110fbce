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
          { name = "EXPORT_SAS_URL", value = "https://contosodata.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&sig=Zm9vYmFyYmF6cXV4c2lnbmF0dXJlMDEyMw%3D%3D" }
        ]
      }
    }
  }
}
