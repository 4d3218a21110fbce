variable "smtp_password" {
  type      = string
  sensitive = true
}

resource "azapi_resource" "smtp" {
  type      = "Microsoft.KeyVault/vaults/secrets@2023-07-01"
  name      = "smtp-password"
  parent_id = azapi_resource.vault.id
  body = {
    properties = {
      contentType = "text/plain"
    }
  }
  sensitive_body = {
    properties = {
      value = var.smtp_password
    }
  }
}
