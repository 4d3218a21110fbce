kv_secret_id = "https://kv-apps.vault.azure.net/secrets/db-password"
