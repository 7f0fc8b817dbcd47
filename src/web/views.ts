// Pages are Nunjucks templates built from the GOV.UK Design System and MoJ components.
// Each area keeps its templates in src/<area>/views; the shared layout is src/web/views.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import view from '@fastify/view';
import type { FastifyInstance } from 'fastify';
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
