variable "sql_admin_password" {
  type = string
}

resource "azapi_resource" "sql" {
  type      = "Microsoft.Sql/servers@2023-08-01"
  name      = "contoso-sql"
  parent_id = azapi_resource.rg.id
  location  = "westeurope"
  body = {
    properties = {
      administratorLogin         = "sqladmin"
      administratorLoginPassword = var.sql_admin_password
    }
  }
}
