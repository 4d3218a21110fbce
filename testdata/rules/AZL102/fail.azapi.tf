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
      }
      template = {
        containers = [
          {
            name  = "nightly"
            image = "myregistry.azurecr.io/nightly:1.0"
            env = [
              { name = "SB_CONNECTION", value = "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abcdefghij1234567890=" },
              { name = "API_TOKEN", value = "tok-1234567890" },
              { name = "LOG_LEVEL", value = "info" },
            ]
          },
        ]
      }
    }
  }
}
