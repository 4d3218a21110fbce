resource "azapi_resource" "web_id" {
  type      = "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31"
  name      = "web-id"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
}

resource "azapi_resource" "kv" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv-apps"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
  body = {
    properties = {
      tenantId              = "00000000-0000-0000-0000-000000000000"
      sku                   = { family = "A", name = "standard" }
      enablePurgeProtection = true
      accessPolicies = [{
        tenantId    = "00000000-0000-0000-0000-000000000000"
        objectId    = azapi_resource.web_id.output.properties.principalId
        permissions = { secrets = ["get", "set"] }
      }]
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
