tier = "premium"
