variable "admin_password" {
  type      = string
  sensitive = true
}

variable "key_vault_name" {
  type = string
}

variable "db_password_secret_name" {
  type    = string
  default = "db-password"
}

variable "token_endpoint_url" {
  type = string
}

variable "client_id" {
  type = string
}

variable "enable_secret_rotation" {
  type    = bool
  default = true
}

variable "sas_expiry_period" {
  type    = string
  default = "1.00:00:00"
}

variable "admin_password_key_vault_secret" {
  type = string
}

variable "token_type" {
  type    = string
  default = "Bearer"
}

variable "max_token_count" {
  type    = number
  default = 4096
}

variable "secrets" {
  type = map(object({
    name  = string
    value = optional(string)
  }))
  default = {}
}

variable "secret_permissions" {
  type    = list(string)
  default = ["Get", "List"]
}
