data "azapi_resource_action" "storage_keys" {
  type                   = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id            = azapi_resource.storage.id
  action                 = "listKeys"
  response_export_values = ["keys"]
}

output "storage_key" {
  value = data.azapi_resource_action.storage_keys.output.keys[0].value
}
