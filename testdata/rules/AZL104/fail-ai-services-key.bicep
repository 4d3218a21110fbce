// An Azure AI services key passed as a plain string parameter (issue 11 triage: missed).
param aiServicesKey string

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: 'web'
  location: resourceGroup().location
  properties: {
    configuration: {
      secrets: [
        { name: 'ai-key', value: aiServicesKey }
      ]
    }
  }
}
