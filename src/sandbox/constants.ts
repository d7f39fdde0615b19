/**
 * Fixed identities of the sandbox world, shared by the emulator, the playground config
 * (.m365agentsplayground.yml) and the tests.
 */
export const SANDBOX_PARTNER_TENANT_ID = '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10';
export const SANDBOX_PARTNER_NAME = 'Fabrikam Cloud Solutions';
/** Partner Center user ids (Entra object ids) of the sandbox partner's staff. */
export const SANDBOX_ADMIN_AGENT_ID = '3f0a9a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
export const SANDBOX_SALES_AGENT_ID = '4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const SANDBOX_READER_ID = '5b2c3d4e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
/** Bearer tokens the sandbox accepts; the kind matters, as in Partner Center (App+User vs App-only). */
export const SANDBOX_APP_TOKEN = 'sandbox-app-token';
export const SANDBOX_USER_TOKEN = 'sandbox-user-token';
/** The bearer token the sandbox's Microsoft Graph stand-in (`/graph/v1.0/…`) accepts. */
export const SANDBOX_GRAPH_TOKEN = 'sandbox-graph-token';
/** The MCA template id the sandbox serves from GET /v1/agreements (read at runtime, never hard-coded in features). */
export const SANDBOX_MCA_TEMPLATE_ID = '117a77b0-9360-443b-8795-c6dedc750cf9';
/** The retired Microsoft Cloud Agreement template; still listed as metadata and on legacy attestations. */
export const SANDBOX_MCLOUD_TEMPLATE_ID = '998b88de-aa99-4388-a42c-1b3517d49490';
