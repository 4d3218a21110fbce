@secure()
param datadogApiKey string
@secure()
param honeycombKey string

resource env 'Microsoft.App/managedEnvironments@2025-02-02-preview' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    openTelemetryConfiguration: {
      destinationsConfiguration: {
        dataDogConfiguration: { site: 'datadoghq.com', key: datadogApiKey }
        otlpConfigurations: [
          {
            name: 'honeycomb'
            endpoint: 'https://api.honeycomb.io:443'
            headers: [ { key: 'x-honeycomb-team', value: honeycombKey } ]
          }
        ]
      }
      tracesConfiguration: { destinations: [ 'dataDog', 'honeycomb' ] }
    }
  }
}
