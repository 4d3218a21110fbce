variable "secrets" {
  type      = map(string)
  sensitive = true
}

variable "env_vars" {
  type    = map(string)
  default = {}
}

resource "azurerm_container_app" "dyn" {
  name                         = "dyn"
  container_app_environment_id = var.env_id
  resource_group_name          = "rg"
  revision_mode                = "Single"

  dynamic "secret" {
    for_each = var.secrets
    content {
      name  = secret.key
      value = secret.value
    }
  }

  template {
    dynamic "container" {
      for_each = ["a", "b"]
      iterator = c
      content {
        name  = c.value
        image = "img:${c.value}"
        dynamic "env" {
          for_each = var.env_vars
          content {
            name  = env.key
            value = env.value
          }
        }
      }
    }
  }
}

resource "azurerm_key_vault" "kv" {
  name                = "kv"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_storage_account" "st" {
  name                     = "st"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  public_network_access_enabled = false
  network_rules {
    default_action = "Deny"
    ip_rules       = ["1.2.3.4"]
  }
}
