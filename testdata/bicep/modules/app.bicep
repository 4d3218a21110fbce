@secure()
param password string
param apiKey string
param name string
