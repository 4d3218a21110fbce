resource "azurerm_container_group" "worker" {
  name                = "worker"
  resource_group_name = "rg-aci"
  location            = "westeurope"
  os_type             = "Linux"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.acr_pull.id]
  }

  image_registry_credential {
    server                    = "contoso.azurecr.io"
    user_assigned_identity_id = azurerm_user_assigned_identity.acr_pull.id
  }

  container {
    name   = "worker"
    image  = "contoso.azurecr.io/worker:1.4.2"
    cpu    = 1
    memory = 1.5
  }
}

resource "azurerm_container_group" "legacy" {
  name                = "legacy"
  resource_group_name = "rg-aci"
  location            = "westeurope"
  os_type             = "Linux"

  image_registry_credential {
    server   = azurerm_container_registry.acr.login_server
    username = azurerm_container_registry.acr.admin_username
    password = azurerm_container_registry.acr.admin_password
  }

  container {
    name   = "legacy"
    image  = "contoso.azurecr.io/legacy:2.0"
    cpu    = 1
    memory = 1.5
  }
}
