// The public enquiry form (no sign-in; works without JavaScript): one page of questions, a
// honeypot for robots, a per-address rate limit, and the same confirmation whatever happens
// to the enquiry, so the form never reveals whether an email address is already known.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../core/errors.ts';
import { pageErrors } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import { HEARD_FROM, OUTSIDE } from '../model.ts';
import * as recruitment from '../service.ts';
import { enquiryRateLimit } from './api.ts';

type Body = Record<string, string | string[] | undefined>;
const one = (body: Body, name: string) => {
  const v = body[name];
  return Array.isArray(v) ? v[0] : v;
};

export function publicEnquiryRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  async function showForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, error?: ValidationError) {
    const { councils, partnerships } = await recruitment.publicChoices(db);
    if (error) reply.code(422);
    return render(request, reply, 'recruitment/views/enquire.njk', {
      title: 'Enquire about adopting a child',
      councilItems: councils.map((c) => ({ value: c.code, text: c.name })),
      partnershipItems: [{ value: '', text: 'Choose a partnership' }, ...partnerships.map((p) => ({ value: p.slug, text: p.name }))],
      heardFromItems: [{ value: '', text: 'Choose one' }, ...Object.entries(HEARD_FROM).map(([value, text]) => ({ value, text }))],
      outside: OUTSIDE, values, errors: error ? pageErrors(error, []) : undefined,
    });
  }

  app.get('/enquire', { config: { public: true } }, async (request, reply) => showForm(request, reply, {}));

  app.post('/enquire', { config: { public: true, rateLimit: enquiryRateLimit } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    // A robot fills every box: thank it, and keep nothing.
    if ((one(body, 'website') ?? '').trim() !== '') return reply.redirect('/enquire/sent', 303);
    const input = {
      firstName: one(body, 'firstName'), lastName: one(body, 'lastName'), email: one(body, 'email'), phone: one(body, 'phone'),
      councilCode: one(body, 'councilCode'), partnership: one(body, 'partnership'), heardFrom: one(body, 'heardFrom'), consent: body.consent,
    };
    try {
      await recruitment.submitEnquiry(db, input, { today: services.today(), source: 'web-form' });
    } catch (error) {
      if (error instanceof ValidationError) return showForm(request, reply, { ...input, consent: input.consent ? ['yes'] : [] }, error);
      throw error;
    }
    return reply.redirect('/enquire/sent', 303);
  });

  app.get('/enquire/sent', { config: { public: true } }, async (request, reply) => render(request, reply, 'recruitment/views/enquire-sent.njk', { title: 'Enquiry sent' }));
}
