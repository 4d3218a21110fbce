// Parameters typed with a resource's input or output shape describe configuration, not a
// credential value, even when their names mention secrets or keys.
param secrets resourceInput<'Microsoft.KeyVault/vaults/secrets@2023-07-01'>.properties
param accessKey resourceInput<'Microsoft.Storage/storageAccounts@2023-05-01'>.properties.keyPolicy
param connectionStrings resourceOutput<'Microsoft.Web/sites/config@2023-12-01'>

output secretContentType string = secrets.?contentType ?? ''
output keyExpiry int = accessKey.keyExpirationPeriodInDays
output connectionCount int = length(connectionStrings)
