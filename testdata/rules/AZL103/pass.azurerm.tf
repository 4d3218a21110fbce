variable "admin_password" {
  type      = string
  sensitive = true
}

variable "optional_token" {
  type      = string
  sensitive = true
  default   = ""
}

variable "webhook_secret" {
  type      = string
  sensitive = true
  default   = null
}

variable "pipeline_secret" {
  type      = string
  sensitive = true
  default   = "__PIPELINE_SECRET__"
}

variable "location" {
  type    = string
  default = "westeurope"
}
