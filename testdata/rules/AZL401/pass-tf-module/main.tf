module "internal" {
  source = "./modules/app"
  name   = "internal"
}

module "public" {
  source                     = "./modules/app"
  name                       = "public"
  allow_insecure_connections = false
}

# null: the module's default applies.
module "legacy" {
  source                     = "./modules/app"
  name                       = "legacy"
  allow_insecure_connections = null
}
