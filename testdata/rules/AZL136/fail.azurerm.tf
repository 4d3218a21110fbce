resource "azurerm_windows_web_app" "web" {
  name                = "contoso-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.plan.id

  site_config {}

  connection_string {
    name  = "ShopDb"
    type  = "SQLAzure"
    value = "Server=tcp:contoso-sql.database.windows.net,1433;Database=shop;User ID=shop;Password=Sh0p-Passw0rd!;Encrypt=true"
  }
}
