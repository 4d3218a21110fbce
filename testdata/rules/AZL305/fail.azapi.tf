resource "azapi_resource" "acr" {
  type      = "Microsoft.ContainerRegistry/registries@2025-11-01"
  name      = "myregistry"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    sku = { name = "Premium" }
    properties = {
      publicNetworkAccess = "Enabled"
    }
  }
}
