resource "azurerm_user_assigned_identity" "reader" {
  name                = "id-queue-reader"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_container_app" "worker" {
  name                         = "worker"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  identity {
    type = "SystemAssigned"
  }

  template {
    container {
      name   = "worker"
      image  = "myregistry.azurecr.io/worker:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }

    azure_queue_scale_rule {
      name         = "queue"
      queue_name   = "jobs"
      queue_length = 10
      identity     = azurerm_user_assigned_identity.reader.id
    }
  }
}
