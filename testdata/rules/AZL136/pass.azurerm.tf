resource "azurerm_windows_web_app" "web" {
  name                = "contoso-web"
  resource_group_name = "rg-web"
  location            = "westeurope"
  service_plan_id     = azurerm_service_plan.plan.id

  identity {
    type = "SystemAssigned"
  }

  site_config {}

  connection_string {
    name  = "ShopDb"
    type  = "SQLAzure"
    value = "Server=tcp:${azurerm_mssql_server.sql.fully_qualified_domain_name},1433;Database=shop;Authentication=Active Directory Default;Encrypt=true"
  }

  connection_string {
    name  = "Reports"
    type  = "SQLAzure"
    value = "Server=tcp:${azurerm_mssql_server.sql.fully_qualified_domain_name},1433;Database=reports;User ID=reports;Password=${random_password.reports.result}"
  }
}
