resource "azapi_resource" "statestore" {
  type      = "Microsoft.App/managedEnvironments/daprComponents@2025-07-01"
  name      = "statestore"
  parent_id = azapi_resource.apps.id

  body = {
    properties = {
      componentType = "state.azure.blobstorage"
      version       = "v1"
      metadata      = [{ name = "accountName", value = "mystorage" }]
      scopes        = []
    }
  }
}
