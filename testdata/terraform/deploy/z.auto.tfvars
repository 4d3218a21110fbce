tier = "standard"
