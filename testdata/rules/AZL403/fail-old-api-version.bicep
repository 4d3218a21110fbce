// 2022-10-01 has no peer-traffic encryption setting: still reported, as a note that says to
// move to a newer API version first.
resource env 'Microsoft.App/managedEnvironments@2022-10-01' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {}
}
