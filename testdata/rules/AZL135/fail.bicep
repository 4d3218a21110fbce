resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: 'contoso-web'
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    WEBSITE_RUN_FROM_PACKAGE: '1'
    EXPORT_SAS_URL: 'https://contosodata.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&sig=Zm9vYmFyYmF6cXV4c2lnbmF0dXJlMDEyMw%3D%3D'
  }
}
