# The variables come from a dynamic block: one of them may well be AZURE_CLIENT_ID, which
# means the code uses the pull identity on purpose. Not known, so not reported.
variable "env" {
  type = list(object({ name = string, value = string }))
}

resource "azurerm_user_assigned_identity" "workload" {
  name                = "id-workload"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.workload.id]
  }

  registry {
    server   = "myregistry.azurecr.io"
    identity = azurerm_user_assigned_identity.workload.id
  }

  template {
    container {
      name   = "web"
      image  = "myregistry.azurecr.io/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"

      dynamic "env" {
        for_each = var.env
        content {
          name  = env.value.name
          value = env.value.value
        }
      }
    }
  }
}
