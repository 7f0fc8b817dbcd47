// The service navigation: the areas open to the signed-in person, each shown when that area's
// service says the person may use it (never decided here by role).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NavItem } from '../core/http/render.ts';
import type { RequestContext } from '../core/access.ts';
import * as audit from '../audit/service.ts';
import * as returns from '../interop/ssda903/service.ts';
import * as decisions from '../panel/decisions-service.ts';
import * as panels from '../panel/service.ts';
import * as placements from '../placements/service.ts';
import * as staff from '../staff/service.ts';
import * as letterbox from '../letterbox/service.ts';
import * as support from '../support/service.ts';
import * as birthFamily from '../birth-family/service.ts';
import * as adoptedAdults from '../adopted-adults/service.ts';
import * as nonAgencyIntercountry from '../non-agency-intercountry/service.ts';
import * as insight from '../insight/service.ts';
import * as finance from '../finance/service.ts';

const ALWAYS = [
  { text: 'Home', href: '/' }, { text: 'Children', href: '/children' }, { text: 'Enquiries', href: '/enquiries' },
  { text: 'Adopters', href: '/households' }, { text: 'Training', href: '/training' }, { text: 'Partnerships', href: '/partnerships' },
];

function itemsFor(ctx: RequestContext): { text: string; href: string }[] {
  const items = [...ALWAYS];
  if (placements.mayUsePlacements(ctx)) items.push({ text: 'Placements', href: '/placements' });
  if (panels.mayUsePanels(ctx)) items.push({ text: 'Panels', href: '/panels' });
  if (decisions.mayDecide(ctx)) items.push({ text: 'Decisions', href: '/panel-decisions' });
  if (support.mayUseSupport(ctx)) items.push({ text: 'Support', href: '/support' });
  if (letterbox.mayUseLetterbox(ctx)) items.push({ text: 'Letterbox', href: '/letterbox' });
  if (birthFamily.mayUseBirthFamily(ctx)) items.push({ text: 'Birth families', href: '/birth-family-support' });
  if (adoptedAdults.mayUseAdoptedAdults(ctx)) items.push({ text: 'Adopted adults', href: '/adopted-adults' });
  if (nonAgencyIntercountry.mayUseNonAgencyIntercountry(ctx)) items.push({ text: 'Other adoptions', href: '/non-agency-adoptions' });
  if (insight.mayUseInsight(ctx)) items.push({ text: 'Insight', href: '/insight' });
  if (finance.mayUseFinance(ctx)) items.push({ text: 'Finance', href: '/finance' });
  if (returns.mayUseReturns(ctx)) items.push({ text: 'Returns', href: '/returns' });
  if (staff.mayManageStaff(ctx)) items.push({ text: 'Staff', href: '/staff' });
  if (audit.maySearchAudit(ctx)) items.push({ text: 'Audit log', href: '/audit' });
  return items;
}

function navigation(request: FastifyRequest): NavItem[] {
  const path = request.url.split('?')[0] ?? '/';
  // Sibling groups are part of the children's pages; a panel's meetings and items, of Panels.
  const section = path.startsWith('/sibling-groups') ? '/children' : path.startsWith('/disruptions') ? '/placements' : path.startsWith('/intercountry-adoptions') ? '/non-agency-adoptions' : path.startsWith('/panel-meetings') || path.startsWith('/panel-items') ? '/panels' : path;
  return itemsFor(request.ctx!).map((i) => ({ ...i, active: i.href === '/' ? path === '/' : section.startsWith(i.href) }));
}

/** After sign-in is settled: the navigation for everyone signed in. */
export function setUpNavigation(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.ctx) request.navigation = navigation(request);
  });
}
