resource env 'Microsoft.App/managedEnvironments@2025-02-02-preview' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    openTelemetryConfiguration: {
      destinationsConfiguration: {
        otlpConfigurations: [
          { name: 'collector', endpoint: 'https://otel.example.com:4317' }
          { name: 'backup', endpoint: 'https://otel2.example.com:4317', insecure: false }
        ]
      }
      tracesConfiguration: { destinations: [ 'collector', 'backup' ] }
    }
  }
}
