variable "workspace_key" {
  type      = string
  sensitive = true
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "logs"
  location            = "westeurope"
  resource_group_name = "rg-aca"
  sku                 = "PerGB2018"
}

resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "aca-env"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      appLogsConfiguration = {
        destination = "log-analytics"
        logAnalyticsConfiguration = {
          customerId = azurerm_log_analytics_workspace.logs.workspace_id
          sharedKey  = azurerm_log_analytics_workspace.logs.primary_shared_key
        }
      }
    }
  }
}

resource "azapi_resource" "env_param" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "aca-env-2"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      appLogsConfiguration = {
        destination = "log-analytics"
        logAnalyticsConfiguration = {
          customerId = azurerm_log_analytics_workspace.logs.workspace_id
          sharedKey  = var.workspace_key
        }
      }
    }
  }
}
