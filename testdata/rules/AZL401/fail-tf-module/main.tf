module "internal" {
  source = "./modules/app"
  name   = "internal"
}

module "legacy" {
  source                     = "./modules/app"
  name                       = "legacy"
  allow_insecure_connections = true
}
