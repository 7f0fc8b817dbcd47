// What the server's parts share: the database and configuration, handed to each area's
// routes (no module-level singletons), and the per-request access context.
import type { RequestContext } from '../access.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db.ts';

export interface AppServices {
  database: DatabaseHandle;
  config: Config;
  /** Today in England; replaceable so tests can stand on a chosen day. */
  today: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking and their access facts today; set for signed-in requests. */
    ctx?: RequestContext;
    authMethod?: 'session' | 'token';
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Skip the CSRF check: only for public JSON endpoints that never rely on a cookie. */
    csrf?: boolean;
  }
}

declare module 'fastify' {
  interface Session {
    staffId?: string;
    /** Password checked, waiting for the second factor. */
    pendingStaffId?: string;
    signedInAt?: number;
    /** Last time activity extended the idle timeout. */
    lastSeenAt?: number;
    /** Second-factor secret being set up, until confirmed. */
    newTotpSecret?: string;
    flash?: string;
  }
}
