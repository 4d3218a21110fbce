resource "azapi_resource" "pubsub" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2025-07-01"
  name      = "pubsub"
  parent_id = azapi_resource.apps.id

  body = {
    properties = {
      componentType = "pubsub.azure.servicebus.queues"
      version       = "v1"
      metadata = [
        { name = "connectionString", value = "Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abcdefghij1234567890=" },
      ]
      scopes = ["orders"]
    }
  }
}
