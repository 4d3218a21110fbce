resource "azurerm_linux_web_app" "web" {
  name                = "contoso-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.plan.id

  site_config {}

  app_settings = {
    WEBSITE_RUN_FROM_PACKAGE = "1"
    SQL_CONNECTION_STRING    = "Server=tcp:contoso-sql.database.windows.net,1433;Database=shop;User ID=shop;Password=Sh0p-Passw0rd!;Encrypt=true"
  }
}
