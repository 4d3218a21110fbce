# A patch says nothing about what it leaves out: no "missing VNet" finding for an update that
# only changes the logs destination of an environment declared elsewhere.
resource "azapi_update_resource" "logs" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  name      = "apps"

  body = {
    properties = {
      appLogsConfiguration = {
        destination = "azure-monitor"
      }
    }
  }
}
