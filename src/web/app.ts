// The server, assembled from a flat list of small set-up steps (after the HMPPS template):
// read top to bottom to see everything a request passes through.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from '../audit/routes.ts';
import { caseworkRoutes } from '../casework/routes.ts';
import { lettersRoutes } from '../casework/letters-routes.ts';
import { documentsRoutes } from '../casework/documents-routes.ts';
import { AuditSealer } from '../core/audit-chain.ts';
import { ping } from '../core/db.ts';
import { scannerStatus } from '../core/malware-scan.ts';
import { adoptersRoutes } from '../adopters/routes.ts';
import { childrenRoutes } from '../children/routes/index.ts';
import { recruitmentRoutes } from '../recruitment/routes.ts';
import { trainingRoutes } from '../training/routes.ts';
import { matchingRoutes } from '../matching/routes.ts';
import { panelRoutes } from '../panel/routes/index.ts';
import { placementsRoutes } from '../placements/routes/index.ts';
import { supportRoutes } from '../support/routes.ts';
import { letterboxRoutes } from '../letterbox/routes.ts';
import { birthFamilyRoutes } from '../birth-family/routes.ts';
import { adoptedAdultsRoutes } from '../adopted-adults/routes.ts';
import { nonAgencyIntercountryRoutes } from '../non-agency-intercountry/routes.ts';
import { ssda903Routes } from '../interop/ssda903/routes.ts';
import { insightRoutes } from '../insight/routes.ts';
import { financeRoutes } from '../finance/routes.ts';
import { partnershipRoutes } from '../partnership/routes.ts';
import { staffRoutes } from '../staff/routes.ts';
import { setUpApiDocs } from './api-docs.ts';
import { setUpAuthentication } from './auth.ts';
import { setUpErrorHandling } from './errors.ts';
import { ASSET_PREFIXES, setUpInputGuard, setUpNoStore, setUpReplyGuard } from './guards.ts';
import { homeRoutes } from './home.ts';
import { setUpNavigation } from './navigation.ts';
import { DatabaseSessionStore } from './session-store.ts';
import type { AppServices } from '../core/http/types.ts';
import { govukDir, mojDir, setUpViews } from './views.ts';

export async function createApp(services: AppServices, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: services.config.logLevel,
      // Logs carry no personal data: no bodies, no cookies, no tokens, no query strings.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }) },
    },
    // A client chooses its own X-Forwarded-For: believe it only from configured proxies.
    trustProxy: trustedProxies(services.config.trustProxy),
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await setUpSecurityHeaders(app, services);
  await setUpForms(app);
  await setUpSession(app, services);
  await setUpCsrf(app);
  await setUpRateLimits(app);
  await setUpStaticAssets(app);
  await setUpViews(app);
  await setUpApiDocs(app);
  setUpErrorHandling(app);
  setUpInputGuard(app);
  setUpNoStore(app);
  setUpAuthentication(app, services);
  setUpNavigation(app);
  setUpHealth(app, services);
  setUpAuditSealing(app, services);

  homeRoutes(app, services);
  staffRoutes(app, services);
  partnershipRoutes(app, services);
  childrenRoutes(app, services);
  recruitmentRoutes(app, services);
  adoptersRoutes(app, services);
  trainingRoutes(app, services);
  matchingRoutes(app, services);
  panelRoutes(app, services);
  placementsRoutes(app, services);
  supportRoutes(app, services);
  letterboxRoutes(app, services);
  birthFamilyRoutes(app, services);
  adoptedAdultsRoutes(app, services);
  nonAgencyIntercountryRoutes(app, services);
  ssda903Routes(app, services);
  insightRoutes(app, services);
  financeRoutes(app, services);
  auditRoutes(app, services);
  // After every area: casework serves each record type the areas registered.
  caseworkRoutes(app, services);
  lettersRoutes(app, services);
  documentsRoutes(app, services);
  setUpReplyGuard(app);
  return app;
}

/** A number of hops becomes the trust function proxy-addr takes (hop 0 is the nearest proxy). */
function trustedProxies(setting: boolean | number | string) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

// GOV.UK's page template carries one inline script (it marks <body> when JavaScript runs);
// allow exactly that script by its hash, and no other inline code.
function govukInlineScriptHash(): string {
  const template = readFileSync(join(govukDir, 'govuk', 'template.njk'), 'utf8');
  const script = /<script[^>]*>([^<]+)<\/script>/.exec(template)?.[1];
  if (!script) throw new Error('GOV.UK template has no inline script to hash');
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

async function setUpSecurityHeaders(app: FastifyInstance, services: AppServices) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", govukInlineScriptHash()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(services.config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: services.config.secureCookies ? undefined : false,
  });
}

async function setUpForms(app: FastifyInstance) {
  await app.register(formbody);
  // A form post with no fields at all arrives with no body: give handlers an empty form, not undefined.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
  });
}

async function setUpSession(app: FastifyInstance, services: AppServices) {
  await app.register(cookie);
  await app.register(session, {
    // Without a configured secret each start makes one, which signs everyone out on restart.
    secret: services.config.sessionSecret ?? randomBytes(32).toString('hex'),
    cookieName: 'mercia.sid',
    saveUninitialized: false,
    // Saved only when changed; the idle timeout is extended by touching the session at most
    // once a minute (web/auth.ts), not by a database write on every request.
    rolling: false,
    store: new DatabaseSessionStore(services.database.db, services.config.sessionIdleMinutes),
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: services.config.secureCookies,
      path: '/',
    },
  });
}

async function setUpCsrf(app: FastifyInstance) {
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
}

async function setUpRateLimits(app: FastifyInstance) {
  // Off by default; routes that attract abuse (sign-in, public forms) turn it on.
  await app.register(rateLimit, { global: false });
}

async function setUpStaticAssets(app: FastifyInstance) {
  // Assets are public: mark their routes so the sign-in check lets them through.
  app.addHook('onRoute', (route) => {
    if (ASSET_PREFIXES.some((p) => route.url.startsWith(p))) route.config = { ...route.config, public: true };
  });
  const ownStatic = fileURLToPath(new URL('./static/', import.meta.url));
  const cache = { maxAge: '1d' };
  await app.register(fastifyStatic, { root: [join(govukDir, 'govuk', 'assets'), join(mojDir, 'moj', 'assets')], prefix: '/assets/', ...cache });
  await app.register(fastifyStatic, { root: join(govukDir, 'govuk'), prefix: '/govuk/', decorateReply: false, allowedPath: (p) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(p), ...cache });
  await app.register(fastifyStatic, { root: join(mojDir, 'moj'), prefix: '/moj/', decorateReply: false, allowedPath: (p) => /^\/moj-frontend\.min\.(css|js)(\.map)?$/.test(p), ...cache });
  await app.register(fastifyStatic, { root: ownStatic, prefix: '/static/', decorateReply: false, ...cache });
}

// Audit events are written at once and sealed into the hash chain just after (core/audit-chain.ts):
// a request that wrote any is followed by a seal that also covers every other request's, and
// closing the server seals what is left.
function setUpAuditSealing(app: FastifyInstance, services: AppServices) {
  const sealer = new AuditSealer(services.database.db, (message) => app.log.error(message));
  app.addHook('onResponse', async () => sealer.nudge());
  app.addHook('onClose', async () => sealer.stop());
}

function setUpHealth(app: FastifyInstance, services: AppServices) {
  // The service is up when its database answers. Malware scanning is reported beside it: when
  // it is unavailable only uploads are refused, and when an operator has turned it off, the
  // health check says so where monitoring will see it.
  app.get('/health', { config: { public: true } }, async () => {
    const [, malwareScanning] = await Promise.all([ping(services.database.db), scannerStatus()]);
    return { status: 'ok', database: services.database.engine, malwareScanning };
  });
}
