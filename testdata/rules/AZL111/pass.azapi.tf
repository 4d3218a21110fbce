resource "azapi_resource" "pubsub" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2025-07-01"
  name      = "pubsub"
  parent_id = azapi_resource.apps.id

  body = {
    properties = {
      componentType = "pubsub.azure.servicebus.queues"
      version       = "v1"
      metadata = [
        { name = "namespaceName", value = "orders.servicebus.windows.net" },
        { name = "azureClientId", value = azurerm_user_assigned_identity.dapr.client_id },
        { name = "connectionString", value = azurerm_servicebus_namespace.orders.default_primary_connection_string },
      ]
      scopes = ["orders"]
    }
  }
}
