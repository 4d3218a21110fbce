variable "admin_password" {
  type      = string
  sensitive = true
  default   = "P@ssw0rd1234"
}
