variable "sql_admin_password" {
  type      = string
  sensitive = true
}

variable "sql_admin_login" {
  type    = string
  default = "sqladmin"
}

variable "key_vault_name" {
  type = string
}

resource "azapi_resource" "sql" {
  type      = "Microsoft.Sql/servers@2023-08-01"
  name      = "contoso-sql"
  parent_id = azapi_resource.rg.id
  location  = "westeurope"
  body = {
    properties = {
      administratorLogin         = var.sql_admin_login
      administratorLoginPassword = var.sql_admin_password
    }
  }
}
