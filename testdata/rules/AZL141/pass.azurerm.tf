variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_token" {
  type      = string
  sensitive = true
}

resource "azurerm_container_group" "worker" {
  name                = "worker"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  os_type             = "Linux"

  container {
    name   = "worker"
    image  = "myregistry.azurecr.io/worker:1.0"
    cpu    = 1
    memory = 1

    secure_environment_variables = {
      DB_PASSWORD = var.db_password
    }
  }
}

resource "azurerm_resource_deployment_script_azure_cli" "configure" {
  name                = "configure"
  resource_group_name = "rg-apps"
  location            = "westeurope"
  version             = "2.61.0"
  retention_interval  = "PT1H"
  script_content      = "echo configured"

  environment_variable {
    name         = "API_TOKEN"
    secure_value = var.api_token
  }
}
