variable "credential_username" {
  type        = string
  sensitive   = true
  description = "The username for the registry credential"
  default     = "testuser"
}

resource "azapi_resource" "username_secret" {
  type      = "Microsoft.KeyVault/vaults/secrets@2023-07-01"
  parent_id = azapi_resource.vault.id
  name      = "username"
  body = {
    properties = {
      value = var.credential_username
    }
  }
}
