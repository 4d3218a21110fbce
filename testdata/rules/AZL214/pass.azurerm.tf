data "azurerm_client_config" "current" {}

resource "azurerm_user_assigned_identity" "web" {
  name                = "web-id"
  resource_group_name = "rg-apps"
  location            = "westeurope"
}

resource "azurerm_key_vault" "kv" {
  name                     = "kv-apps"
  resource_group_name      = "rg-apps"
  location                 = "westeurope"
  tenant_id                = data.azurerm_client_config.current.tenant_id
  sku_name                 = "standard"
  purge_protection_enabled = true

  access_policy {
    tenant_id = data.azurerm_client_config.current.tenant_id
    object_id = azurerm_user_assigned_identity.web.principal_id
    # The app reads secrets only.
    secret_permissions = ["Get"]
  }
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg-apps"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg-apps/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.web.id]
  }

  secret {
    name                = "db-password"
    key_vault_secret_id = "${azurerm_key_vault.kv.vault_uri}secrets/db-password"
    identity            = azurerm_user_assigned_identity.web.id
  }

  template {
    container {
      name   = "web"
      image  = "mcr.microsoft.com/k8se/quickstart:latest"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
