region  = "northeurope"
api_key = "k3y-d0nt-c0mmit-m3"
