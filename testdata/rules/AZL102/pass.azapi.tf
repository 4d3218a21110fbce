variable "api_token" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "nightly" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "nightly"
  parent_id = azurerm_resource_group.apps.id
  location  = "westeurope"

  body = {
    properties = {
      environmentId = azapi_resource.apps.id
      configuration = {
        triggerType    = "Manual"
        replicaTimeout = 300
        secrets        = [{ name = "sb-connection", value = var.api_token }]
      }
      template = {
        containers = [
          {
            name  = "nightly"
            image = "myregistry.azurecr.io/nightly:1.0"
            env = [
              { name = "SB_CONNECTION", secretRef = "sb-connection" },
              { name = "API_TOKEN", value = var.api_token },
              { name = "AZURE_CLIENT_ID", value = "3f2504e0-4f89-11d3-9a0c-0305e82c3301" },
              { name = "REDIS_PASSWORD", value = "__REDIS_PASSWORD__" },
              { name = "TOKEN_ENDPOINT", value = "https://login.example.com/oauth2/token" },
            ]
          },
        ]
      }
    }
  }
}
