tier  = "basic"
sites = { a = "pw-a-literal", b = "pw-b-literal" }
