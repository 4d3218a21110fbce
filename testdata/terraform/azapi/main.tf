resource "random_password" "pw" {
  length = 24
}

resource "azapi_resource" "app" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "app"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.uai.id]
  }

  body = {
    properties = {
      managedEnvironmentId = azapi_resource.env.id
      configuration = {
        secrets = [
          { name = "plain", value = "hunter2-literal" },
          { name = "gen", value = random_password.pw.result },
        ]
        ingress = {
          external      = true
          allowInsecure = true
        }
      }
    }
  }
}

resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2024-03-01"
  name      = "env"
  parent_id = azurerm_resource_group.rg.id
  body = jsonencode({
    properties = {
      daprAIConnectionString = "InstrumentationKey=abc"
      peerAuthentication     = { mtls = { enabled = false } }
    }
  })
}

resource "azapi_resource" "auth" {
  type      = "Microsoft.App/containerApps/authConfigs@2025-10-02-preview"
  name      = "current"
  parent_id = azapi_resource.app.id
  body      = file("${path.module}/auth.json")
}

resource "azapi_update_resource" "patch" {
  type        = "Microsoft.App/containerApps@2025-07-01"
  resource_id = azapi_resource.app.id
  body = {
    properties = { configuration = { ingress = { allowInsecure = false } } }
  }
}
