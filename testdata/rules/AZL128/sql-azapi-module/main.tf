variable "parent_id" {
  type = string
}

variable "administrator_password" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "sql" {
  type      = "Microsoft.Sql/servers@2023-08-01"
  name      = "contoso-sql"
  parent_id = var.parent_id
  location  = "westeurope"
  body = {
    properties = {
      administratorLogin = "sqladmin"
    }
  }
  sensitive_body = {
    properties = {
      administratorLoginPassword = var.administrator_password
    }
  }
}
