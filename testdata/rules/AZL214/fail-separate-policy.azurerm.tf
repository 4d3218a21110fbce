# The vault is managed elsewhere; this configuration adds a policy for the app's identity.
data "azurerm_client_config" "current" {}

data "azurerm_key_vault" "shared" {
  name                = "kv-shared"
  resource_group_name = "rg-platform"
}

resource "azurerm_user_assigned_identity" "web" {
  name                = "web-id"
  resource_group_name = "rg-apps"
  location            = "westeurope"
}

resource "azurerm_key_vault_access_policy" "web" {
  key_vault_id = data.azurerm_key_vault.shared.id
  tenant_id    = data.azurerm_client_config.current.tenant_id
  object_id    = azurerm_user_assigned_identity.web.principal_id
  # The app reads secrets but may also overwrite and delete them.
  secret_permissions = ["Get", "List", "Set", "Delete"]
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
    key_vault_secret_id = "${data.azurerm_key_vault.shared.vault_uri}secrets/db-password"
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
