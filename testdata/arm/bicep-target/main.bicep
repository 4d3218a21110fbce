@secure()
param dbPassword string

param appName string

output name string = appName
