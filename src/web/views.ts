// Pages are Nunjucks templates built from the GOV.UK Design System and MoJ components.
// Each area keeps its templates in src/<area>/views; the shared layout is src/web/views.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import view from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { ROLE_NAMES } from '../core/access.ts';
import { formatDate } from '../core/dates.ts';

const require = createRequire(import.meta.url);
const srcDir = fileURLToPath(new URL('..', import.meta.url));
export const govukDir = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const mojDir = dirname(require.resolve('@ministryofjustice/frontend/package.json'));

export async function setUpViews(app: FastifyInstance): Promise<void> {
  await app.register(view, {
    engine: { nunjucks },
    templates: [srcDir, govukDir, mojDir],
    options: {
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('date', (value: string | null | undefined) => formatDate(value));
        env.addFilter('roleName', (role: keyof typeof ROLE_NAMES) => ROLE_NAMES[role] ?? role);
        env.addGlobal('serviceName', 'Mercia');
      },
    },
  });
}

export interface NavItem {
  text: string;
  href: string;
}

function navigation(request: FastifyRequest): (NavItem & { active: boolean })[] {
  const ctx = request.ctx;
  if (!ctx) return [];
  const items: NavItem[] = [
    { text: 'Home', href: '/' }, { text: 'Children', href: '/children' }, { text: 'Enquiries', href: '/enquiries' },
    { text: 'Adopters', href: '/households' }, { text: 'Training', href: '/training' }, { text: 'Partnerships', href: '/partnerships' },
  ];
  // A council's own analysts and administrators move its SSDA903 return in and out.
  if (ctx.actor.orgKind === 'local-authority' && (ctx.actor.roles.includes('analyst') || ctx.actor.roles.includes('admin'))) items.push({ text: 'Returns', href: '/returns' });
  if (ctx.actor.roles.includes('admin')) items.push({ text: 'Staff', href: '/staff' }, { text: 'Audit log', href: '/audit' });
  const path = request.url.split('?')[0] ?? '/';
  // Sibling groups are part of the children's pages.
  const section = path.startsWith('/sibling-groups') ? '/children' : path;
  return items.map((i) => ({ ...i, active: i.href === '/' ? path === '/' : section.startsWith(i.href) }));
}

/** Render a page with what every page needs: who is signed in, navigation, a CSRF token. */
export async function render(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown> = {}) {
  const flash = request.session?.flash;
  if (flash) request.session.flash = undefined;
  return reply.view(template, {
    actor: request.ctx?.actor,
    navigation: navigation(request),
    csrfToken: request.session ? reply.generateCsrf() : undefined,
    currentPath: request.url,
    flash,
    ...data,
  });
}
