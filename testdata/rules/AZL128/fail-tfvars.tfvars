vm_admin_password = "Vm-Adm1n!2024"
