# Everything in secure_environment_variables, credentials and not: only the credential is a
# finding, and it comes from the account's key attribute, not a literal.
resource "azurerm_container_group" "vote" {
  name                = "vote"
  location            = "westeurope"
  resource_group_name = "rg-apps"
  os_type             = "Linux"

  container {
    name   = "vote"
    image  = "myregistry.azurecr.io/vote:1.0"
    cpu    = 1
    memory = 1

    secure_environment_variables = {
      COSMOS_DB_MASTERKEY = azurerm_cosmosdb_account.vote.primary_key
      TITLE               = "Azure Voting App"
      VOTE1VALUE          = "Cats"
    }
  }
}
