resource "azapi_resource" "origin" {
  type      = "Microsoft.Cdn/profiles/originGroups/origins@2024-02-01"
  name      = "web"
  parent_id = var.origin_group_id
  body = {
    properties = {
      hostName = "web.kindwave-1234abcd.westeurope.azurecontainerapps.io"
      sharedPrivateLinkResource = {
        privateLink         = { id = var.environment_id }
        groupId             = "managedEnvironments"
        privateLinkLocation = "westeurope"
        requestMessage      = "Front Door"
      }
    }
  }
}

variable "origin_group_id" {
  type = string
}

variable "environment_id" {
  type = string
}
