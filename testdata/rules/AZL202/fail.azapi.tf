resource "azapi_resource" "job" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "nightly"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        triggerType    = "Manual"
        replicaTimeout = 300
        registries = [
          {
            server   = "myregistry.azurecr.io"
            identity = "system"
          }
        ]
      }
      template = {
        containers = [{ name = "job", image = "myregistry.azurecr.io/job:1.0" }]
      }
    }
  }
}
