resource "azapi_resource" "worker" {
  type      = "Microsoft.ContainerInstance/containerGroups@2023-05-01"
  name      = "worker"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.acr_pull.id]
  }
  body = {
    properties = {
      osType = "Linux"
      imageRegistryCredentials = [
        {
          server   = "contoso.azurecr.io"
          identity = azurerm_user_assigned_identity.acr_pull.id
        },
        {
          server   = "ghcr.io"
          username = "contoso-bot"
          password = "$GHCR_TOKEN"
        }
      ]
      containers = []
    }
  }
}
