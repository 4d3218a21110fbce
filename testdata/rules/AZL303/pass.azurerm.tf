resource "azurerm_container_registry" "acr" {
  name                = "myregistry"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard"
}

data "azurerm_key_vault_secret" "ghcr" {
  name         = "ghcr-password"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/my-vault"
}

resource "azurerm_container_app" "web" {
  name                         = "web"
  resource_group_name          = "rg"
  container_app_environment_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
  revision_mode                = "Single"

  identity {
    type = "SystemAssigned"
  }

  secret {
    name  = "ghcr-password"
    value = data.azurerm_key_vault_secret.ghcr.value
  }

  registry {
    server   = azurerm_container_registry.acr.login_server
    identity = "System"
  }

  template {
    container {
      name   = "web"
      image  = "${azurerm_container_registry.acr.login_server}/web:1.0"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
