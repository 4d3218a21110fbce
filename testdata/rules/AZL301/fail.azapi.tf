data "azurerm_key_vault_secret" "ghcr" {
  name         = "ghcr-password"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/my-vault"
}

# A registry outside Azure cannot use a managed identity: a note.
resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        secrets = [{ name = "ghcr-password", value = data.azurerm_key_vault_secret.ghcr.value }]
        registries = [
          { server = "ghcr.io", username = "contoso-bot", passwordSecretRef = "ghcr-password" }
        ]
      }
      template = {
        containers = [{ name = "web", image = "ghcr.io/contoso/web:1.0" }]
      }
    }
  }
}
