import { createHash, createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** The Bot Connector's issuer (botframework-connector AuthenticationConstants.ToBotFromChannelTokenIssuer). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  audience: string;
  serviceUrl: string;
  /** Seconds relative to now. */
  notBefore?: number;
  expiresIn?: number;
  issuer?: string;
  /** Sign with another key that claims this issuer's key id. */
  key?: KeyObject;
}

/**
 * A local stand-in for login.botframework.com: an OpenID metadata document, its JWKS, and RS256
 * tokens signed like the Bot Connector's. `available = false` makes both documents answer 503.
 */
export class OpenIdIssuer {
  readonly kid = createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16);
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  available = true;
  requests = 0;
  private server?: Server;
  url = '';

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests++;
      if (!this.available) {
        res.statusCode = 503;
        res.end();
        return;
      }
      const json = (body: unknown) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v1/.well-known/openidconfiguration')
        return json({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/v1/.well-known/keys` });
      if (req.url === '/v1/.well-known/keys') {
        const jwk = this.keys.publicKey.export({ format: 'jwk' });
        return json({ keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e }] });
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private claims(o: TokenOptions) {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: o.issuer ?? CHANNEL_ISSUER,
      aud: o.audience,
      serviceurl: o.serviceUrl,
      iat: now,
      nbf: now + (o.notBefore ?? -60),
      exp: now + (o.expiresIn ?? 3600),
    };
  }

  /** A token the channel would send (RS256 with this issuer's key), or a forged variant of one. */
  token(o: TokenOptions): string {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const body = b64url(JSON.stringify(this.claims(o)));
    const signature = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), o.key ?? this.keys.privateKey);
    return `${head}.${body}.${b64url(signature)}`;
  }

  unsignedToken(o: TokenOptions): string {
    const head = b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: this.kid }));
    return `${head}.${b64url(JSON.stringify(this.claims(o)))}.`;
  }

  /** HS256 keyed with a shared secret (the app password): the classic algorithm-confusion forgery. */
  hmacToken(o: TokenOptions, secret: string): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: this.kid }));
    const body = b64url(JSON.stringify(this.claims(o)));
    const mac = createHmac('sha256', secret).update(`${head}.${body}`).digest();
    return `${head}.${body}.${b64url(mac)}`;
  }
}

export function foreignKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
