variable "region" {
  type    = string
  default = "westeurope"
}

variable "tier" {
  type = string
}

variable "sites" {
  type = map(string)
}

module "env" {
  source   = "./modules/env"
  location = var.region
}

module "safe" {
  source      = "./modules/app"
  name        = "safe"
  env_id      = module.env.id
  db_password = random_password.db.result
}

module "unsafe" {
  source      = "./modules/app"
  name        = "unsafe"
  env_id      = module.env.id
  db_password = "Sup3rS3cret!"
  insecure    = true
  flag        = var.region == "northeurope"
}

module "counted" {
  count       = 2
  source      = "./modules/app"
  name        = "counted-${count.index}"
  env_id      = module.env.id
  db_password = random_password.db.result
  insecure    = null
}

module "each" {
  for_each    = var.sites
  source      = "./modules/app"
  name        = each.key
  env_id      = module.env.id
  db_password = each.value
}

module "registry" {
  source  = "Azure/avm-res-app-containerapp/azurerm"
  version = "0.1.0"
  name    = "remote"
}

module "self" {
  source = "./"
  tier   = "x"
  sites  = {}
}

resource "random_password" "db" {
  length = 32
}

resource "azurerm_key_vault" "kv" {
  name                = "kv-${var.tier}"
  location            = module.env.location
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  tags = {
    first = module.counted[0].fqdn
    b     = module.each["b"].fqdn
  }
}
