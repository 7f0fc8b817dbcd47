// The forms on a support case: a request, starting an assessment of needs and recording its
// outcome, a support plan, an Adoption Support Fund application and moving it on, and an adoption
// allowance. Each is a plain GOV.UK form (views/form.njk) that re-shows itself naming the field
// when the service refuses the input, and redirects to the case when it is saved.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access.ts';
import { formatDate } from '../../core/dates.ts';
import type { Db } from '../../core/db.ts';
import { NotFoundError, type ValidationError } from '../../core/errors.ts';
import { asValidationError, dateFromParts, formErrors, one, paramsFrom, type Body, type Item } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { financialYearOf } from '../../matching/fees.ts';
import { ASF_KINDS, ASF_STATUSES, ASF_STEPS, ASSESSMENT_OUTCOMES, money, stepsFrom, yearName, type AsfStep } from '../model.ts';
import * as support from '../service.ts';
import { dateField, datesOf, inputField, poundsField, radioField, selectField, textField, type Field } from '../../core/http/form-fields.ts';

type CaseForm = Awaited<ReturnType<typeof support.caseForForm>>;

interface FormPage {
  path: string;
  /** The record of the case the form is about, named in the address. */
  sub?: 'assessmentId' | 'applicationId';
  form: Parameters<typeof support.caseForForm>[3];
  title: string;
  button: string;
  flash: string;
  fields: Field[];
  /** Choices that depend on the case (select items by field name). */
  items?: (v: CaseForm, today: string, sub: string) => Record<string, Item[]>;
  /** What the page shows above the form about the record it changes; undefined when the case has no such record. */
  summary?: (v: CaseForm, sub: string) => { key: { text: string }; value: { text: string } }[] | undefined;
  save: (db: Db, ctx: RequestContext, id: string, sub: string, input: Record<string, unknown>) => Promise<unknown>;
}

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const yearItems = (today: string): Item[] => {
  const now = financialYearOf(today);
  return [now + 1, now, now - 1, now - 2, now - 3].map((y) => ({ value: String(y), text: yearName(y) }));
};

const PAGES: FormPage[] = [
  {
    path: '/support/:id/requests/new', form: 'work', title: 'Record a request for support', button: 'Record the request', flash: 'The request has been recorded.',
    fields: [dateField('receivedOn', 'Date received'), inputField('askedBy', 'Who asked', 'For example, adoptive parent, or the young person'), textField('askedFor', 'What for')],
    save: (db, ctx, id, _sub, input) => support.addRequest(db, ctx, id, input),
  },
  {
    path: '/support/:id/assessments/new', form: 'work', title: 'Start an assessment of support needs', button: 'Start the assessment', flash: 'The assessment has been started.',
    fields: [dateField('startedOn', 'Date the assessment started')],
    save: (db, ctx, id, _sub, input) => support.startAssessment(db, ctx, id, input),
  },
  {
    path: '/support/:id/assessments/:assessmentId/outcome', sub: 'assessmentId', form: 'work', title: 'Record the outcome of the assessment', button: 'Record the outcome', flash: 'The outcome of the assessment has been recorded.',
    fields: [dateField('completedOn', 'Date completed'), radioField('outcome', 'Outcome', ASSESSMENT_OUTCOMES), textField('summary', 'Summary')],
    summary: (v, sub) => {
      const a = v.assessments.find((x) => x.id === sub);
      return a && [row('Started', formatDate(a.startedOn))];
    },
    save: (db, ctx, id, sub, input) => support.recordOutcome(db, ctx, id, sub, input),
  },
  {
    path: '/support/:id/plans/new', form: 'work', title: 'Add a support plan', button: 'Add the plan', flash: 'The support plan has been added.',
    fields: [textField('what', 'What support'), inputField('providedBy', 'Who provides it'), dateField('startsOn', 'Start date'), dateField('reviewOn', 'Review date')],
    save: (db, ctx, id, _sub, input) => support.addPlan(db, ctx, id, input),
  },
  {
    path: '/support/:id/asf/new', form: 'work', title: 'Apply to the Adoption Support Fund', button: 'Save the application', flash: 'The application has been saved.',
    fields: [
      selectField('assessmentId', 'Assessment of needs it follows', [], 'Select the assessment'), radioField('kind', 'What it pays for', ASF_KINDS),
      inputField('therapyType', 'Type of therapy or assessment'), inputField('provider', 'Provider'), poundsField('amount', 'Amount', 'In pounds, for the whole package'),
      selectField('financialYear', 'Financial year', [], 'Select the financial year'), dateField('endsOn', 'Date the package ends'),
      dateField('appliedOn', 'Date applied to the fund', 'Leave empty to save a draft'),
    ],
    items: (v, today) => ({
      assessmentId: v.assessments.filter((a) => a.outcome === 'support-offered').map((a) => ({ value: a.id, text: `Completed ${formatDate(a.completedOn)}` })),
      financialYear: yearItems(today),
    }),
    save: (db, ctx, id, _sub, input) => support.applyToFund(db, ctx, id, input),
  },
  {
    path: '/support/:id/asf/:applicationId', sub: 'applicationId', form: 'application', title: 'Adoption Support Fund application', button: 'Save', flash: 'The application has been updated.',
    fields: [radioField('step', 'What has happened', {}), dateField('on', 'Date', 'The day it was submitted or decided; not needed to withdraw')],
    // Only the steps open to the application, and to the person: the fund's decision is recorded by those who answer for the money.
    items: (v, _today, sub) => {
      const a = v.applications.find((x) => x.id === sub);
      const mayTake = (step: AsfStep) => (step === 'approve' || step === 'refuse' ? v.can.recordDecision : v.can.work);
      return { step: (a ? stepsFrom(a.status) : []).filter(mayTake).map((step) => ({ value: step, text: ASF_STEPS[step] })) };
    },
    summary: (v, sub) => {
      const a = v.applications.find((x) => x.id === sub);
      return a && [row('Therapy', `${ASF_KINDS[a.kind]}: ${a.therapyType}`), row('Provider', a.provider), row('Amount', money(a.amountPence)), row('Financial year', yearName(a.financialYear)), row('Status', ASF_STATUSES[a.status])];
    },
    save: (db, ctx, id, sub, input) => support.stepApplication(db, ctx, id, sub, input),
  },
  {
    path: '/support/:id/allowances/new', form: 'allowance', title: 'Record an adoption allowance', button: 'Record the allowance', flash: 'The allowance has been recorded.',
    fields: [dateField('assessedOn', 'Date of the financial assessment'), poundsField('weekly', 'Weekly amount', 'In pounds'), dateField('startsOn', 'Start date'), dateField('reviewOn', 'Review date')],
    save: (db, ctx, id, _sub, input) => support.addAllowance(db, ctx, id, input),
  },
];

/** The form's input from a urlencoded body: date inputs joined, other fields as given. */
export function inputOf(fields: readonly Field[], body: Body): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'date' ? dateFromParts(body, f.name) : one(body, f.name)]));
}

export function formPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  for (const page of PAGES) {
    const params = z.object({ id: z.uuid(), ...(page.sub ? { [page.sub]: z.uuid() } : {}) });
    const ids = (request: FastifyRequest) => {
      const p = paramsFrom(params, request.params) as Record<string, string>;
      return { id: p.id!, sub: page.sub ? p[page.sub]! : '' };
    };

    const show = async (request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) => {
      const { id, sub } = ids(request);
      const v = await support.caseForForm(db, request.ctx!, id, page.form);
      const summary = page.summary?.(v, sub);
      if (page.summary && !summary) throw new NotFoundError();
      const items = page.items?.(v, request.ctx!.facts.today, sub) ?? {};
      if (error) reply.code(422);
      return render(request, reply, 'support/views/form.njk', {
        title: page.title, caption: v.c.childName, button: page.button, action: request.url.split('?')[0], backLink: `/support/${id}`, summary, values,
        fields: page.fields.map((f) => (items[f.name] ? { ...f, items: [...(f.items ?? []), ...items[f.name]!] } : f)),
        errors: error ? formErrors(error.errors, datesOf(page.fields)) : undefined,
      });
    };

    app.get(page.path, async (request, reply) => show(request, reply, {}));

    app.post(page.path, async (request, reply) => {
      const { id, sub } = ids(request);
      const body = (request.body ?? {}) as Body;
      try {
        await page.save(db, request.ctx!, id, sub, inputOf(page.fields, body));
      } catch (error) {
        const invalid = asValidationError(error);
        if (invalid) return show(request, reply, body, invalid);
        throw error;
      }
      request.session.flash = page.flash;
      return reply.redirect(`/support/${id}`, 303);
    });
  }
}
