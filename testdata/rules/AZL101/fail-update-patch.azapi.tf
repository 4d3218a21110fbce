# A patch of an app declared elsewhere still writes its secret in plaintext.
resource "azapi_update_resource" "add_secret" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  name      = "web"

  body = {
    properties = {
      configuration = {
        secrets = [
          {
            name  = "db-password"
            value = "hunter2-hunter2"
          }
        ]
      }
    }
  }
}
