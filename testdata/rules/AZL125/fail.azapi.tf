resource "azapi_resource" "content" {
  type      = "Microsoft.App/managedEnvironments/storages@2024-03-01"
  name      = "content"
  parent_id = azapi_resource.env.id
  body = jsonencode({
    properties = {
      azureFile = {
        accountName = "acafiles"
        accountKey  = "c3RvcmFnZWFjY291bnRrZXkwMTIzNDU2Nzg5YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo="
        shareName   = "content"
        accessMode  = "ReadOnly"
      }
    }
  })
}
