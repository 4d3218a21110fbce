resource env 'Microsoft.App/managedEnvironments@2025-02-02-preview' = {
  name: 'apps'
  location: resourceGroup().location
  properties: {
    openTelemetryConfiguration: {
      destinationsConfiguration: {
        otlpConfigurations: [
          { name: 'collector', endpoint: 'otel.internal.example.com:4317', insecure: true }
        ]
      }
      tracesConfiguration: { destinations: [ 'collector' ] }
    }
  }
}
