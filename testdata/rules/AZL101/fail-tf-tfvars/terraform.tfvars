image       = "myregistry.azurecr.io/web:2.0"
db_password = "Sup3rS3cret!"
