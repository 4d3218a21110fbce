param adminPassword string

param storageAccountKey string = 'c2VjcmV0a2V5c2VjcmV0'
