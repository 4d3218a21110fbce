resource "random_password" "db" {
  length  = 32
  special = true
}

# Safe: a generated password.
module "api" {
  source      = "./modules/app"
  name        = "api"
  db_password = random_password.db.result
}

# Unsafe: a literal password, reported here (at the argument), not in the module.
module "web" {
  source      = "./modules/app"
  name        = "web"
  db_password = "Sup3rS3cret!"
}
