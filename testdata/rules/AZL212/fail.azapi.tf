resource "azapi_resource" "kv" {
  type      = "Microsoft.KeyVault/vaults@2024-11-01"
  name      = "kv-apps"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
  body = {
    properties = {
      tenantId                = "00000000-0000-0000-0000-000000000000"
      sku                     = { family = "A", name = "standard" }
      enableRbacAuthorization = true
    }
  }
}

resource "azapi_resource" "web_id" {
  type      = "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31"
  name      = "web-id"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
}

# The identity the app reads one secret with is Contributor of the vault.
resource "azapi_resource" "web_kv" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "0b8c2a57-0c1e-4a5f-9a52-1c4b8f5e2d11"
  parent_id = azapi_resource.kv.id
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"
      principalId      = azapi_resource.web_id.output.properties.principalId
    }
  }
}

resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-01-01"
  name      = "web"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
  identity {
    type         = "UserAssigned"
    identity_ids = [azapi_resource.web_id.id]
  }
  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg-apps/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        secrets = [{ name = "db-password", keyVaultUrl = "https://kv-apps.vault.azure.net/secrets/db-password", identity = azapi_resource.web_id.id }]
      }
      template = {
        containers = [{ name = "web", image = "mcr.microsoft.com/k8se/quickstart:latest" }]
      }
    }
  }
}
