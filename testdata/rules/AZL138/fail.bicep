resource env 'Microsoft.App/managedEnvironments@2025-02-02-preview' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    openTelemetryConfiguration: {
      destinationsConfiguration: {
        dataDogConfiguration: { site: 'datadoghq.com', key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }
        otlpConfigurations: [
          {
            name: 'honeycomb'
            endpoint: 'https://api.honeycomb.io:443'
            headers: [ { key: 'x-honeycomb-team', value: 'hcaik_01abcdefghij' } ]
          }
        ]
      }
      tracesConfiguration: { destinations: [ 'dataDog', 'honeycomb' ] }
    }
  }
}
