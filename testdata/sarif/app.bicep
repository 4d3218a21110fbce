// SARIF validation input: one suppressed and several unsuppressed findings.
resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'sarif-demo'
  location: 'westeurope'
  properties: {
    configuration: {
      ingress: {
        external: true
        targetPort: 80
        allowInsecure: true
      }
      secrets: [
        {
          name: 'fixture-key'
          // azlint-disable-next-line AZL101 sample value used by the SARIF validation test only
          value: 'not-a-real-key-1234'
        }
        {
          name: 'api-key'
          value: 'still-not-real-5678'
        }
      ]
    }
  }
}
