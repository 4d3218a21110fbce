variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "db" {
  length  = 32
  special = true
}

module "api" {
  source      = "./modules/app"
  name        = "api"
  db_password = random_password.db.result
}

module "web" {
  source      = "./modules/app"
  name        = "web"
  db_password = var.db_password
}
