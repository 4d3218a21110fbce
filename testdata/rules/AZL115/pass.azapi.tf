resource "azapi_resource" "pubsub" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2025-07-01"
  name      = "pubsub"
  parent_id = azapi_resource.apps.id

  body = {
    properties = {
      componentType        = "pubsub.azure.servicebus.queues"
      version              = "v1"
      secretStoreComponent = azapi_resource.secret_store.name
      metadata             = [{ name = "connectionString", secretRef = "sb-connection" }]
      scopes               = ["orders"]
    }
  }
}
