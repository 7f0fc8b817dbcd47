// Finance's forms: how a council's numbers are projected, a service's budget line and staff, a
// contribution to the pooled budget, and a council's monthly foster-care cost. Each is a plain
// GOV.UK form (views/form.njk) that re-shows itself naming the field when the service refuses
// the input, and redirects to its page when saved; the service audits the change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import { ForbiddenError, type ValidationError } from '../../core/errors.ts';
import { numberField, poundsField, radioField, selectField, withItems, inputOf, type Field, inputField } from '../../core/http/form-fields.ts';
import { asValidationError, formErrors, paramsFrom, type Body, type Item } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { BUDGET_LINES, PROJECTION_METHODS, yearName } from '../model.ts';
import * as money from '../service-money.ts';
import * as finance from '../service.ts';

interface FormPage {
  path: string;
  /** What the form is about (a council or a service), named on the page; throws when the person may not change it. */
  about: (db: Db, ctx: RequestContext, id: string) => Promise<{ caption: string; values?: Body; items?: Record<string, Item[]> }>;
  title: string;
  button: string;
  flash: string;
  back: string;
  fields: Field[];
  save: (db: Db, ctx: RequestContext, id: string, input: Record<string, unknown>) => Promise<unknown>;
}

const years = (today: string): Item[] => {
  const now = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
  return Array.from({ length: 15 }, (_, i) => now + 1 - i).map((y) => ({ value: String(y), text: yearName(y) }));
};
const yearField = selectField('year', 'Financial year', [], 'Select the financial year');

const PAGES: FormPage[] = [
  {
    path: '/finance/needs/:id/projection', title: 'How the numbers are projected', button: 'Save', flash: 'The projection method has been saved.', back: '/finance/needs',
    fields: [radioField('method', 'Projection method', PROJECTION_METHODS), inputField('percent', 'Change each year (%)', 'For a fixed percentage only: -5 for a 5% reduction a year')],
    about: async (db, ctx, id) => {
      const council = await finance.councilFor(db, ctx, id, 'edit-needs');
      const current = (await finance.needsAnalysis(db, ctx, [id])).councils[0]?.projection;
      return { caption: council.name, values: current ? { method: current.method, percent: current.percent === null || current.percent === undefined ? '' : String(current.percent) } : {} };
    },
    save: (db, ctx, id, input) => finance.setProjection(db, ctx, id, input),
  },
  {
    path: '/finance/budgets/:id', title: 'Set a budget line', button: 'Save the budget line', flash: 'The budget line has been saved.', back: '/finance/budgets',
    fields: [yearField, radioField('line', 'Budget line', BUDGET_LINES), poundsField('amount', 'Amount for the year', 'In pounds, like 1052000')],
    about: async (db, ctx, id) => ({ caption: (await money.serviceForForm(db, ctx, id)).name, items: { year: years(ctx.facts.today) } }),
    save: (db, ctx, id, input) => money.setBudget(db, ctx, id, input),
  },
  {
    path: '/finance/budgets/:id/staffing', title: 'Set the staff', button: 'Save the staff', flash: 'The staff figure has been saved.', back: '/finance/budgets',
    fields: [yearField, numberField('fte', 'Full-time equivalent staff', 'For example, 9.73')],
    about: async (db, ctx, id) => ({ caption: (await money.serviceForForm(db, ctx, id)).name, items: { year: years(ctx.facts.today) } }),
    save: (db, ctx, id, input) => money.setStaffing(db, ctx, id, input),
  },
  {
    path: '/finance/costs-avoided/:id', title: 'Monthly cost of a foster placement', button: 'Save the cost', flash: 'The monthly foster-care cost has been saved.', back: '/finance/costs-avoided',
    fields: [poundsField('monthly', 'Average monthly cost of a foster placement', 'In pounds: external and internal foster carers together. The business case used £2,000')],
    about: async (db, ctx, id) => {
      const council = await finance.councilFor(db, ctx, id, 'edit-finance');
      const cost = (await money.costs(db, ctx, { children: 1, months: 12 }, [id])).fosterCosts[0];
      return { caption: council.name, values: cost ? { monthly: String(cost.monthlyPence / 100) } : {} };
    },
    save: (db, ctx, id, input) => money.setFosterCost(db, ctx, id, input),
  },
];

export function financeFormRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const idOf = (request: FastifyRequest) => paramsFrom(z.object({ id: z.uuid() }), request.params).id;

  for (const page of PAGES) {
    const show = async (request: FastifyRequest, reply: FastifyReply, values: Body | undefined, error?: ValidationError) => {
      const about = await page.about(db, request.ctx!, idOf(request));
      if (error) reply.code(422);
      return render(request, reply, 'finance/views/form.njk', {
        title: page.title, caption: about.caption, button: page.button, action: request.url.split('?')[0], backLink: page.back,
        values: values ?? about.values ?? {}, fields: withItems(page.fields, about.items ?? {}), errors: error ? formErrors(error.errors) : undefined,
      });
    };
    app.get(page.path, async (request, reply) => show(request, reply, undefined));
    app.post(page.path, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      try {
        await page.save(db, request.ctx!, idOf(request), inputOf(page.fields, body));
      } catch (error) {
        const invalid = asValidationError(error);
        if (invalid) return show(request, reply, body, invalid);
        throw error;
      }
      request.session.flash = page.flash;
      return reply.redirect(page.back, 303);
    });
  }

  // A contribution names its council in the form rather than the address.
  const contributionFields = (councils: Item[]) => withItems([selectField('councilId', 'Council', [], 'Select the council'), yearField, inputField('source', 'What it is from', 'For example, Adoption Reform Grant'), poundsField('amount', 'Amount', 'In pounds')], { councilId: councils });
  const showContribution = async (request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) => {
    const ctx = request.ctx!;
    if (!finance.generalPermissions(ctx).editFinance) throw new ForbiddenError('Contributions are kept by finance officers');
    const councils = (await finance.visibleCouncils(db, ctx, 'edit-finance')).map((c) => ({ value: c.id, text: c.name }));
    if (error) reply.code(422);
    return render(request, reply, 'finance/views/form.njk', {
      title: 'Record a contribution to the pooled budget', caption: 'Budgets', button: 'Record the contribution', action: '/finance/contributions/new', backLink: '/finance/budgets',
      values, fields: withItems(contributionFields(councils), { year: years(ctx.facts.today) }), errors: error ? formErrors(error.errors) : undefined,
    });
  };
  app.get('/finance/contributions/new', async (request, reply) => showContribution(request, reply, {}));
  app.post('/finance/contributions/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await money.addContribution(db, request.ctx!, inputOf(contributionFields([]), body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showContribution(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = 'The contribution has been recorded.';
    return reply.redirect('/finance/budgets', 303);
  });
}
