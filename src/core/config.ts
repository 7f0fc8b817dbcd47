// Configuration comes from the environment only, read once, validated, with safe defaults
// for the embedded database so that `npm start` needs nothing set.
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  MERCIA_DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  // How many processes serve the web on a PostgreSQL server (PGlite is in-process: always one).
  WEB_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  // PGlite's buffer cache, as PostgreSQL writes sizes.
  PGLITE_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/, 'a size such as 32MB').optional(),
  // Years a child's record is kept after it closes when the child was not adopted (adoption records: 100 years from the order, always).
  MERCIA_RETENTION_YEARS: z.coerce.number().int().min(1).max(200).default(75),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Signs session cookies. Generated per process when unset, which signs everyone out on restart. */
  sessionSecret?: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  signInMaxFailures: number;
  signInLockoutMinutes: number;
  secureCookies: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe, for client addresses (rate limits, logs): unset
   * believes none; a number of hops, or proxy addresses (comma-separated), as Fastify takes them.
   */
  trustProxy: boolean | number | string;
  logLevel: string;
  /**
   * Web processes on a PostgreSQL server (node:cluster): WEB_WORKERS, else one per CPU. On
   * PGlite the service is always one process, since the database lives inside it.
   */
  webWorkers: number;
  /** Whether WEB_WORKERS was set (a value above one on PGlite is noted and ignored). */
  webWorkersSet: boolean;
  /** PGlite's buffer cache (PostgreSQL's shared_buffers); unset: core/db.ts's default. */
  pgliteSharedBuffers?: string;
  /** Years the record of a child who was not adopted is kept after it closes (the purge job's period). */
  retentionYears: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (DATABASE_URL= means "use PGlite").
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.MERCIA_DATA_DIR,
    sessionSecret: e.SESSION_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    signInMaxFailures: e.SIGN_IN_MAX_FAILURES,
    signInLockoutMinutes: e.SIGN_IN_LOCKOUT_MINUTES,
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === 'true' : e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY === undefined ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    webWorkers: e.DATABASE_URL ? (e.WEB_WORKERS ?? availableParallelism()) : 1,
    webWorkersSet: e.WEB_WORKERS !== undefined,
    pgliteSharedBuffers: e.PGLITE_SHARED_BUFFERS,
    retentionYears: e.MERCIA_RETENTION_YEARS,
  };
}
