resource "azapi_resource" "drain" {
  type      = "Microsoft.App/jobs@2025-07-01"
  name      = "drain"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"

  body = {
    properties = {
      environmentId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/apps"
      configuration = {
        triggerType    = "Event"
        replicaTimeout = 300
        secrets = [{ name = "hub-connection", keyVaultUrl = "https://my-vault.vault.azure.net/secrets/hub-connection", identity = "system" }]
        eventTriggerConfig = {
          scale = {
            rules = [
              {
                name     = "events"
                type     = "azure-eventhub"
                metadata = { consumerGroup = "drain", unprocessedEventThreshold = "64" }
                auth     = [{ secretRef = "hub-connection", triggerParameter = "connection" }]
              }
            ]
          }
        }
      }
      template = {
        containers = [{ name = "drain", image = "myregistry.azurecr.io/drain:1.0" }]
      }
    }
  }
}
