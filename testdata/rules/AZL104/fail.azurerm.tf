variable "admin_password" {
  type = string
}

variable "storage_account_key" {
  type    = string
  default = "c2VjcmV0a2V5c2VjcmV0"
}
