resource "azapi_resource" "acr" {
  type      = "Microsoft.ContainerRegistry/registries@2023-07-01"
  name      = "acrprod"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
  body = {
    sku = { name = "Premium" }
  }
}

resource "azapi_resource" "pull_id" {
  type      = "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31"
  name      = "pull-id"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
}

# The identity the app pulls with gets AcrPull only.
resource "azapi_resource" "owner" {
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = "6f4d4bd2-3c5e-4a3e-9d6a-4d2b1f7a9e01"
  parent_id = azapi_resource.acr.id
  body = {
    properties = {
      roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d"
      principalId      = azapi_resource.pull_id.output.properties.principalId
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
    identity_ids = [azapi_resource.pull_id.id]
  }
  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg-apps/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        registries = [{ server = azapi_resource.acr.output.properties.loginServer, identity = azapi_resource.pull_id.id }]
      }
      template = {
        containers = [{ name = "web", image = "acrprod.azurecr.io/web:1.0" }]
      }
    }
  }
}
