@secure()
param adminPassword string = 'P@ssw0rd1234'

var defaultToken = 'tok-7Hq2Lx9Vb4Nc'

@secure()
param apiToken string = defaultToken
