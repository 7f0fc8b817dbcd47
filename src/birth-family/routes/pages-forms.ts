// The forms on a birth family case: a referral, an offer and the relative's answer, a session,
// closing and reopening. Each is a plain GOV.UK form (views/form.njk) that re-shows itself naming
// the field when the service refuses the input, and redirects to the case when it is saved.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access.ts';
import { formatDate } from '../../core/dates.ts';
import type { Db } from '../../core/db.ts';
import { NotFoundError, type ValidationError } from '../../core/errors.ts';
import { asValidationError, dateFromParts, formErrors, one, paramsFrom, type Body } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { OFFER_ANSWERS, OFFER_KINDS, OUTCOMES, REFERRERS, SESSION_KINDS } from '../model.ts';
import * as birthFamily from '../service.ts';
import { dateField, datesOf, numberField, radioField, textField, type Field } from '../../core/http/form-fields.ts';

type CaseForm = Awaited<ReturnType<typeof birthFamily.caseForForm>>;

interface FormPage {
  path: string;
  /** The record of the case the form is about, named in the address. */
  sub?: 'offerId';
  action: 'work' | 'close';
  title: string;
  button: string;
  flash: string;
  fields: Field[];
  /** What the page shows above the form about the record it changes; undefined when the case has no such record. */
  summary?: (v: CaseForm, sub: string) => { key: { text: string }; value: { text: string } }[] | undefined;
  save: (db: Db, ctx: RequestContext, id: string, sub: string, input: Record<string, unknown>) => Promise<unknown>;
}

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
export const YES_NO = { yes: 'Yes', no: 'No' };
export const referralFieldList = (): Field[] => [
  dateField('receivedOn', 'Date the referral was received'), radioField('referredBy', 'Who referred', REFERRERS),
  textField('reason', 'Reason for the referral'), radioField('consentToShare', 'Has the relative consented to information being shared?', YES_NO),
];

export const BASE = '/birth-family-support';

const PAGES: FormPage[] = [
  {
    path: `${BASE}/:id/referrals/new`, action: 'work', title: 'Record a referral', button: 'Record the referral', flash: 'The referral has been recorded.',
    fields: referralFieldList(), save: (db, ctx, id, _sub, input) => birthFamily.addReferral(db, ctx, id, input),
  },
  {
    path: `${BASE}/:id/offers/new`, action: 'work', title: 'Record an offer of support', button: 'Record the offer', flash: 'The offer has been recorded.',
    fields: [dateField('madeOn', 'Date the offer was made'), radioField('kind', 'What was offered', OFFER_KINDS)],
    save: (db, ctx, id, _sub, input) => birthFamily.makeOffer(db, ctx, id, input),
  },
  {
    path: `${BASE}/:id/offers/:offerId/answer`, sub: 'offerId', action: 'work', title: 'Record the answer to the offer', button: 'Record the answer', flash: 'The answer has been recorded.',
    fields: [radioField('answer', 'Answer', OFFER_ANSWERS), dateField('answeredOn', 'Date answered', 'For no reply, the day you stopped waiting. For example, 27 3 2026')],
    summary: (v, sub) => {
      const o = v.offers.find((x) => x.id === sub);
      return o && [row('Offered', OFFER_KINDS[o.kind]), row('Date made', formatDate(o.madeOn))];
    },
    save: (db, ctx, id, sub, input) => birthFamily.answerOffer(db, ctx, id, sub, input),
  },
  {
    path: `${BASE}/:id/sessions/new`, action: 'work', title: 'Record a session', button: 'Record the session', flash: 'The session has been recorded.',
    fields: [dateField('heldOn', 'Date of the session'), radioField('kind', 'Kind of session', SESSION_KINDS), numberField('minutes', 'Length in minutes'), textField('note', 'Short note')],
    save: (db, ctx, id, _sub, input) => birthFamily.addSession(db, ctx, id, input),
  },
  {
    path: `${BASE}/:id/close`, action: 'close', title: 'Close the case', button: 'Close the case', flash: 'The case has been closed.',
    fields: [dateField('closedOn', 'Date closed'), radioField('outcome', 'Outcome', OUTCOMES), textField('summary', 'Summary')],
    save: (db, ctx, id, _sub, input) => birthFamily.closeCase(db, ctx, id, input),
  },
  {
    path: `${BASE}/:id/reopen`, action: 'close', title: 'Reopen the case', button: 'Reopen the case', flash: 'The case has been reopened.',
    fields: [dateField('reopenedOn', 'Date reopened'), textField('reason', 'Reason for reopening')],
    summary: (v) => (v.closing ? [row('Closed', formatDate(v.closing.closedOn)), row('Outcome', OUTCOMES[v.closing.outcome])] : []),
    save: (db, ctx, id, _sub, input) => birthFamily.reopenCase(db, ctx, id, input),
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
      const v = await birthFamily.caseForForm(db, request.ctx!, id, page.action);
      const summary = page.summary?.(v, sub);
      if (page.summary && !summary) throw new NotFoundError();
      if (error) reply.code(422);
      return render(request, reply, 'birth-family/views/form.njk', {
        title: page.title, caption: `${v.c.givenName} ${v.c.familyName}`, button: page.button, action: request.url.split('?')[0], backLink: `${BASE}/${id}`,
        summary: summary?.length ? summary : undefined, values, fields: page.fields, errors: error ? formErrors(error.errors, datesOf(page.fields)) : undefined,
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
      return reply.redirect(`${BASE}/${id}`, 303);
    });
  }
}
