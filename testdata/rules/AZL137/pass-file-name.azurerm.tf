# The default names the certificate file the caller is expected to load (filebase64): a
# file name is not the secret value.
variable "certificate_data" {
  type    = string
  default = "certs/gateway.example.com.pfx"
}

resource "azurerm_key_vault_secret" "gateway_cert" {
  name         = "gateway-cert"
  key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  value        = var.certificate_data
  content_type = "application/x-pkcs12"
}
