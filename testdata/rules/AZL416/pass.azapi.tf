resource "azapi_resource" "web" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "web"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body      = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        ingress = { external = true, targetPort = 8080 }
      }
      template = {
        containers = [{ name = "web", image = "myregistry.azurecr.io/web:1.0" }]
      }
    }
  }
}

# azurerm has no authConfigs resource: azapi declares it on the app.
resource "azapi_resource" "web_auth" {
  type      = "Microsoft.App/containerApps/authConfigs@2025-10-02-preview"
  name      = "current"
  parent_id = azapi_resource.web.id
  body      = {
    properties = {
      platform = { enabled = true }
      login    = {
        tokenStore = {
          enabled          = true
          azureBlobStorage = {
            blobContainerUri = "https://stapps.blob.core.windows.net/tokens"
            clientId         = azurerm_user_assigned_identity.web.client_id
          }
        }
      }
    }
  }
}
