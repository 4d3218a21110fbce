module "db" {
  source         = "./modules/db"
  server_name    = "sql1"
  admin_password = "Sup3rS3cret!"
}

module "remote" {
  source  = "Azure/avm-res-sql-server/azurerm"
  version = "0.1.0"
  admin   = "x"
}

variable "admin_password" {
  type      = string
  sensitive = true
}
