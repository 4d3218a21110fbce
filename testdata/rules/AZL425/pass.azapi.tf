resource "azapi_resource" "broker" {
  type      = "Microsoft.App/containerApps@2025-07-01"
  name      = "broker"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      environmentId = var.environment_id
      configuration = {
        ingress = {
          external   = false
          targetPort = 8080
          additionalPortMappings = [
            { targetPort = 1883, external = false }
          ]
        }
      }
      template = {
        containers = [{ name = "mqtt", image = "docker.io/library/eclipse-mosquitto:2.0" }]
      }
    }
  }
}

variable "environment_id" {
  type = string
}
