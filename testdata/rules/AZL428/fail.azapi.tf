resource "azapi_resource" "subnet" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2024-05-01"
  name      = "apps"
  parent_id = var.vnet_id
  body = {
    properties = { addressPrefix = "10.0.0.0/23" }
  }
}

resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-07-01"
  name      = "apps"
  parent_id = azurerm_resource_group.rg.id
  location  = "westeurope"
  body = {
    properties = {
      vnetConfiguration = { infrastructureSubnetId = azapi_resource.subnet.id }
    }
  }
}

variable "vnet_id" {
  type = string
}
