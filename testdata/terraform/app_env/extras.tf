resource "azurerm_container_app_environment_custom_domain" "domain" {
  container_app_environment_id = azurerm_container_app_environment.env.id
  certificate_blob_base64      = filebase64("cert.pfx")
  certificate_password         = "CertP@ss1"
  dns_suffix                   = "example.com"
}

resource "azurerm_container_app_job" "job" {
  name                         = "job"
  location                     = "westeurope"
  resource_group_name          = "rg"
  container_app_environment_id = azurerm_container_app_environment.env.id
  replica_timeout_in_seconds   = 60

  schedule_trigger_config {
    cron_expression = "0 * * * *"
  }

  secret {
    name  = "s"
    value = random_password.p.result
  }

  template {
    container {
      name   = "c"
      image  = "busybox"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
