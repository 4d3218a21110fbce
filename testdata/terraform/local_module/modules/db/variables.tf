variable "server_name" {
  type = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}
