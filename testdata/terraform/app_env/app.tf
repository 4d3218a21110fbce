locals {
  prefix   = "app"
  conn     = "Server=db;Password=${var.db_password}"
  kv_value = data.azurerm_key_vault_secret.db.value
}

resource "azurerm_container_app" "web" {
  name                         = "${local.prefix}-web"
  container_app_environment_id = azurerm_container_app_environment.env.id
  resource_group_name          = "rg"
  revision_mode                = "Single"

  identity {
    type         = "SystemAssigned, UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.uai.id]
  }

  secret {
    name  = "plain"
    value = "P@ssw0rd!"
  }

  secret {
    name  = "from-var"
    value = var.db_password
  }

  secret {
    name  = "from-kv"
    value = local.kv_value
  }

  secret {
    name                = "kv-ref"
    identity            = azurerm_user_assigned_identity.uai.id
    key_vault_secret_id = azurerm_key_vault_secret.s.versionless_id
  }

  secret {
    name  = "acr"
    value = azurerm_container_registry.acr.admin_password
  }

  secret {
    name  = "api"
    value = var.api_key
  }

  registry {
    server               = azurerm_container_registry.acr.login_server
    username             = azurerm_container_registry.acr.admin_username
    password_secret_name = "acr"
  }

  ingress {
    external_enabled = true
    target_port      = 8080
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    container {
      name   = "web"
      image  = "nginx:latest"
      cpu    = 0.5
      memory = "1Gi"
      env {
        name        = "DB"
        secret_name = "from-var"
      }
      env {
        name  = "CONN"
        value = local.conn
      }
    }
    azure_queue_scale_rule {
      name         = "queue"
      queue_name   = "jobs"
      queue_length = 5
      authentication {
        secret_name       = "plain"
        trigger_parameter = "connection"
      }
    }
    http_scale_rule {
      name                = "http"
      concurrent_requests = "10"
    }
  }
}
