# The cluster's CA certificate is public (every client needs it to trust the API server), even
# though it is read out of a credential listing: returning it is not a leak.
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2024-09-01"
  name      = "aks-apps"
  parent_id = "/subscriptions/0000/resourceGroups/rg-apps"
  location  = "westeurope"
  body = {
    properties = {
      dnsPrefix = "apps"
    }
  }
}

resource "azapi_resource_action" "user_credentials" {
  type                   = "Microsoft.ContainerService/managedClusters@2024-09-01"
  resource_id            = azapi_resource.aks.id
  action                 = "listClusterUserCredential"
  method                 = "POST"
  response_export_values = ["kubeconfigs"]
}

locals {
  user_kubeconfig = base64decode(azapi_resource_action.user_credentials.output.kubeconfigs[0].value)
}

output "cluster_ca_certificate" {
  value = nonsensitive(yamldecode(local.user_kubeconfig).clusters[0].cluster.certificate-authority-data)
}

output "certificateAuthorityData" {
  value = nonsensitive(yamldecode(local.user_kubeconfig).clusters[0].cluster.certificate-authority-data)
}
