/**
 * Every environment variable the bot reads, parsed and validated once at start-up.
 * `.env.sample` documents each one; README's configuration table mirrors these files.
 */
export interface AppConfig {
  readonly mode: 'sandbox' | 'live';
  /** Settings that work but deserve a word at start-up (logged once by the wiring). */
  readonly warnings: readonly string[];
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly dataDir: string;
  /** STORE: `sqlite` (one file under DATA_DIR, one instance) or `azure` (Table storage, several instances). */
  readonly store: {
    readonly kind: 'sqlite' | 'azure';
    readonly azure?: {
      /** AZURE_STORAGE_CONNECTION_STRING (account key or SAS), or… */
      readonly connectionString?: string;
      /** …AZURE_STORAGE_ACCOUNT_URL, signed in with DefaultAzureCredential (managed identity). */
      readonly accountUrl?: string;
      /** AZURE_CLIENT_ID: the user-assigned managed identity to sign in as. */
      readonly clientId?: string;
      /** AZURE_TABLE_PREFIX: tables are `<prefix>jobs`, `<prefix>records`, … */
      readonly tablePrefix: string;
    };
  };
  /** Where people and Teams reach this bot, e.g. https://mca.example.com (links in cards point here). */
  readonly publicUrl: string;
  /** False when PUBLIC_URL was not set and publicUrl is the local default (the server then uses its real port). */
  readonly publicUrlFromEnv: boolean;
  /** HMAC key for signed links and card data; in sandbox mode generated into DATA_DIR when unset. */
  readonly signingSecret?: string;
  readonly partner: {
    readonly tenantId: string;
    readonly name: string;
  };
  readonly partnerCenter: {
    readonly baseUrl: string;
    readonly clientId?: string;
    readonly clientSecret?: string;
    readonly refreshToken?: string;
    /** TOKEN_ENCRYPTION_KEY (32 bytes, hex or base64): seals the stored token cache (AES-256-GCM). */
    readonly tokenEncryptionKey?: string;
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    /** Every call of this partner tenant shares this pace (reference §7: 500/min per tenant). */
    readonly rateLimitPerMinute: number;
  };
  readonly portfolio: {
    /** Customers checked at once by a portfolio sweep. */
    readonly concurrency: number;
    /** How long an "accepted" status is reused by sweeps; other states are re-read every sweep. */
    readonly acceptedCacheDays: number;
    /** When the daily digest is posted: UTC time and weekdays (0 = Sunday … 6 = Saturday). */
    readonly digest: { readonly hour: number; readonly minute: number; readonly days: readonly number[] };
  };
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';
    readonly appTenantId?: string;
    /**
     * ToBotFromChannelOpenIdMetadataUrl: where the channel's signing keys are described; default
     * Microsoft's (botbuilder's constant). Set for sovereign clouds and for tests with a local issuer.
     */
    readonly openIdMetadataUrl?: string;
    /** TURN_STILL_CHECKING_MS: a reply still being worked on by then is shown as "still checking". */
    readonly stillCheckingMs: number;
    /** TURN_ANSWER_MS: every request to /api/messages is answered by then (Teams retries after 15 s). */
    readonly answerMs: number;
  };
  readonly mail: {
    /** Mailbox (UPN) customer e-mails are sent from; undefined = e-mail off (cards to forward instead). */
    readonly from?: string;
    readonly graphBaseUrl: string;
    readonly clientId?: string;
    readonly clientSecret?: string;
  };
  readonly acceptance: {
    /** How long a request is watched before it is closed as expired. */
    readonly watchDays: number;
  };
  readonly sandbox: {
    /** SANDBOX_URL: an emulator started alone (`npm run sandbox`) that this instance uses instead of its own. */
    readonly url?: string;
    readonly port: number;
    readonly latencyMs: number;
    /** SANDBOX_REFRESH_TOKEN_DAYS: how long an emulated refresh token works after it was issued. */
    readonly refreshTokenDays: number;
    /** SANDBOX_SIGN_IN: 'static' tokens (default) or 'entra' = MSAL against the emulated sign-in. */
    readonly signIn: 'static' | 'entra';
    /** Exposes the emulator's /_control API (fault injection) — for tests and demos only. */
    readonly control: boolean;
    /** Where the emulator delivers its signed webhooks when nothing is registered; default this bot. */
    readonly webhookUrl?: string;
    /** Folder with the emulator's webhook CA, certificate and key; default generated in memory. */
    readonly webhookCertDir?: string;
  };
  readonly relationships: {
    /** RESELLER_INVITE_DAP: also ask for legacy delegated admin (DAP) in reseller invitations. */
    readonly inviteDap: boolean;
    /** PARTNER_NOTIFY_CONVERSATION: the partner channel for relationship news ("<tenantId>/<conversationId>"). */
    readonly notifyConversation?: { readonly tenantId: string; readonly conversationId: string };
    /** How often invitations and GDAP relationships are re-read to catch missed webhooks. */
    readonly reconcileMinutes: number;
    /** GDAP_DEFAULT_ASSIGNMENTS: role template id → partner security group id, offered on Assign groups. */
    readonly defaultGroups: Readonly<Record<string, string>>;
  };
  readonly purchases: {
    /** PURCHASE_API_KEYS: bearer keys of the partner's ordering systems; none = the API refuses all. */
    readonly apiKeys: readonly string[];
    /** Requests per minute per key on POST /api/purchase-blocked. */
    readonly apiRatePerMinute: number;
    /** Where "the order can be retried" is posted, signed with releaseSecret (HMAC-SHA256). */
    readonly releaseUrl?: string;
    readonly releaseSecret?: string;
    /** REMINDER_SCHEDULE as offsets from the notice, ascending, at most MAX_REMINDERS. */
    readonly reminderOffsetsMs: readonly number[];
  };
  readonly delivery: {
    /** TEAMS_TENANT_RATE_PER_SECOND: Teams requests per second per tenant (reference §6: design for 30). */
    readonly tenantRatePerSecond: number;
    /** DELIVERY_MAX_ATTEMPTS: attempts of one outbound message job before it is dead-lettered. */
    readonly maxAttempts: number;
    /** NOTIFY_DRY_RUN: log proactive messages, e-mail and releases instead of sending them. */
    readonly dryRun: boolean;
    /** WORKER_CONCURRENCY: background jobs (sends, checks) running at once. */
    readonly workerConcurrency: number;
    /**
     * JOB_LEASE_SECONDS: how long a job an instance took is its own; after a crash another instance
     * takes it over when this runs out. Longer than the longest job (a send with its retries).
     */
    readonly jobLeaseSeconds: number;
  };
  readonly telemetry: {
    /** APPLICATIONINSIGHTS_CONNECTION_STRING: spans and metrics also go to Azure Monitor (Application Insights). */
    readonly appInsightsConnectionString?: string;
  };
  readonly webhooks: {
    /** Hosts Partner Center's signing certificate may be downloaded from (https). */
    readonly certificateHosts: readonly string[];
    /** PEM bundle of trusted roots; default Microsoft's roots from Node's certificate store. */
    readonly trustedRootsFile?: string;
  };
}
