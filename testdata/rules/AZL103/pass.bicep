@secure()
param adminPassword string

@secure()
param sessionSecret string = newGuid()

@secure()
param optionalToken string = ''

@secure()
param secretsObject object = {}

@secure()
param clientSecret string = 'n/a'

param location string = resourceGroup().location

@secure()
param pinLength int = 6
