// MCA Assist on Azure: App Service (Linux, Node LTS) with a user-assigned managed identity, an Azure
// Bot with the Teams channel, Storage for STORE=azure (tables, through the identity), Key Vault for every secret (app settings are
// @Microsoft.KeyVault(...) references), Application Insights on a Log Analytics workspace.
// Deployed by `m365agents.yml` (arm/deploy, parameters from infra/azure.parameters.json) or by
// `az deployment group create` (README "Going live"). test/deploy/template.test.ts checks every
// app setting below against src/config.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name (letters and digits; the web app is <base>-app).')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU; B1 or larger (health check and Always On need Basic or above).')
param webAppSku string = 'B1'

@allowed(['NODE|22-lts', 'NODE|24-lts'])
param linuxFxVersion string = 'NODE|22-lts'

@maxLength(42)
param botDisplayName string = 'MCA Assist'

@allowed(['UserAssignedMsi', 'SingleTenant'])
@description('UserAssignedMsi: the bot signs in as the managed identity (no bot secret). SingleTenant: an Entra app with a client secret.')
param botAppType string = 'UserAssignedMsi'

@description('SingleTenant only: the Entra app (client) id of the bot.')
param botAppId string = ''

@secure()
@description('SingleTenant only: that app\'s client secret (stored in Key Vault).')
param botAppPassword string = ''

@description('Public https address; empty = https://<base>-app.azurewebsites.net.')
param publicUrl string = ''

@description('Your partner tenant id (Partner Center › Account settings).')
param partnerTenantId string

param partnerName string = ''

@description('The Entra app registered in Partner Center › App management.')
param partnerCenterClientId string

@secure()
param partnerCenterClientSecret string

@secure()
@description('Optional: the App+User refresh token, if it was not stored with `npm run consent`.')
param partnerCenterRefreshToken string = ''

@secure()
@minLength(32)
param signingSecret string

@secure()
@minLength(44)
@description('32 random bytes, base64 (`openssl rand -base64 32`): encrypt the stored Partner Center token (TOKEN_ENCRYPTION_KEY).')
param tokenEncryptionKey string

@secure()
@description('Comma-separated bearer keys of your ordering systems for POST /api/purchase-blocked (optional).')
param purchaseApiKeys string = ''

param purchaseReleaseUrl string = ''

@secure()
param purchaseReleaseSecret string = ''

@description('Mailbox customer e-mails are sent from (Graph Mail.Send); empty = e-mail off.')
param mailFrom string = ''

@description('Optional: object id of the person or group who operates the bot (runs `npm run consent`, rotates secrets): Key Vault Secrets Officer and Storage Table Data Contributor.')
param operatorPrincipalId string = ''

var names = {
  identity: '${resourceBaseName}-id'
  plan: '${resourceBaseName}-plan'
  webApp: '${resourceBaseName}-app'
  bot: resourceBaseName
  // Storage and Key Vault names are global: lower-case, no dashes, a stable suffix per resource group.
  storage: take(toLower('${replace(resourceBaseName, '-', '')}${uniqueString(resourceGroup().id)}'), 24)
  keyVault: '${take(replace(resourceBaseName, '-', ''), 9)}kv${uniqueString(resourceGroup().id)}'
  workspace: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
}
var appUrl = empty(publicUrl) ? 'https://${names.webApp}.azurewebsites.net' : publicUrl
var msi = botAppType == 'UserAssignedMsi'

// Built-in role definition ids.
var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The app signs in with its managed identity; no account keys in settings.
    allowSharedKeyAccess: false
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageTableDataContributor, roles.storageQueueDataContributor, roles.storageBlobDataContributor]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.keyVault
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorVaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
  }
}

resource operatorStorageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(storage.id, operatorPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: operatorPrincipalId
  }
}

// Secrets: each becomes a Key Vault secret and an app setting `@Microsoft.KeyVault(...)` that App
// Service resolves with the managed identity. Optional ones are left out when empty.
var secretSettings = filter(
  [
    { name: 'PARTNER_CENTER_CLIENT_SECRET', secretName: 'partner-center-client-secret', value: partnerCenterClientSecret }
    { name: 'PARTNER_CENTER_REFRESH_TOKEN', secretName: 'partner-center-refresh-token', value: partnerCenterRefreshToken }
    { name: 'SIGNING_SECRET', secretName: 'signing-secret', value: signingSecret }
    { name: 'TOKEN_ENCRYPTION_KEY', secretName: 'token-encryption-key', value: tokenEncryptionKey }
    { name: 'PURCHASE_API_KEYS', secretName: 'purchase-api-keys', value: purchaseApiKeys }
    { name: 'PURCHASE_RELEASE_SECRET', secretName: 'purchase-release-secret', value: purchaseReleaseSecret }
    { name: 'MicrosoftAppPassword', secretName: 'bot-app-password', value: msi ? '' : botAppPassword }
  ],
  s => !empty(s.value)
)

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for s in secretSettings: {
    parent: vault
    name: s.secretName
    properties: { value: s.value }
  }
]

// Plain settings (no secrets). Optional ones are left out when empty, so the app's defaults apply.
var plainSettings = filter(
  [
    { name: 'PARTNER_CENTER_MODE', value: 'live' }
    { name: 'PUBLIC_URL', value: appUrl }
    { name: 'PARTNER_TENANT_ID', value: partnerTenantId }
    { name: 'PARTNER_NAME', value: partnerName }
    { name: 'PARTNER_CENTER_CLIENT_ID', value: partnerCenterClientId }
    { name: 'MicrosoftAppType', value: botAppType }
    { name: 'MicrosoftAppId', value: msi ? identity.properties.clientId : botAppId }
    { name: 'MicrosoftAppTenantId', value: msi ? identity.properties.tenantId : subscription().tenantId }
    { name: 'PURCHASE_RELEASE_URL', value: purchaseReleaseUrl }
    { name: 'MAIL_FROM', value: mailFrom }
    // State in Table storage, signed in as the managed identity (several instances may run).
    { name: 'STORE', value: 'azure' }
    { name: 'AZURE_STORAGE_ACCOUNT_URL', value: 'https://${storage.name}.table.${environment().suffixes.storage}' }
    { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
    { name: 'AZURE_TABLE_PREFIX', value: 'mca' }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
    // App Service: install production dependencies on Linux at deploy (better-sqlite3 is native).
    { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
    { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev --no-audit --no-fund' }
  ],
  s => !empty(s.value)
)

var keyVaultReferences = [
  for s in secretSettings: {
    name: s.name
    value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${s.secretName})'
  }
]

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: { name: webAppSku }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: names.webApp
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // A heap that fits the plan (B1: 1.75 GB for every app on it): the bot's live heap is under
      // 100 MB; small young-generation spaces keep per-request garbage from growing the process
      // (docs/benchmarks.md, issue 13). Same flags as `npm start` and the Dockerfile.
      appCommandLine: 'node --max-old-space-size=256 --max-semi-space-size=4 dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: toObject(concat(plainSettings, keyVaultReferences), s => s.name, s => s.value)
  dependsOn: [vaultReader, secrets, storageRoles]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: '${appUrl}/api/messages'
    msaAppId: msi ? identity.properties.clientId : botAppId
    msaAppType: msi ? 'UserAssignedMSI' : 'SingleTenant'
    msaAppMSIResourceId: msi ? identity.id : null
    msaAppTenantId: msi ? identity.properties.tenantId : subscription().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env> by the toolkit (arm/deploy); shown by `az deployment group show`.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_ID string = msi ? identity.properties.clientId : botAppId
output BOT_DOMAIN string = replace(replace(appUrl, 'https://', ''), '/', '')
output PUBLIC_URL string = appUrl
output KEY_VAULT_NAME string = vault.name
output STORAGE_ACCOUNT_NAME string = storage.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
