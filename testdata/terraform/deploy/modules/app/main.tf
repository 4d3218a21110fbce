variable "name" {
  type = string
}

variable "env_id" {
  type = string
}

variable "db_password" {
  type = string
}

variable "flag" {
  type    = bool
  default = false
}

variable "insecure" {
  type    = bool
  default = false
}

resource "azurerm_container_app" "this" {
  name                         = var.name
  resource_group_name          = "rg"
  container_app_environment_id = var.env_id
  revision_mode                = "Single"
  tags = {
    pw = var.flag ? var.db_password : null
  }

  secret {
    name  = "db"
    value = var.db_password
  }

  ingress {
    external_enabled           = true
    target_port                = 8080
    allow_insecure_connections = var.insecure
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    container {
      name   = "c"
      image  = "img"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}

output "fqdn" {
  value = azurerm_container_app.this.ingress[0].fqdn
}
