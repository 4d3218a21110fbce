admin_username    = "azureadmin"
vm_admin_password = "__VM_ADMIN_PASSWORD__"
api_token         = ""
