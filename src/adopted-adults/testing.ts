// Test support for services to adopted adults: requests written straight to the database through
// the store: a pre-commencement intermediary request (traced, ready for an approach, more than
// eight weeks since its last step), a birth records request from someone adopted before 1975, and
// a post-commencement case record request. Names are synthetic and numbered, so each is unique.
import type { Db } from '../core/db.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from '../demo/names.ts';
import type { RequestInput } from './input.ts';
import * as store from './store.ts';

export class AdoptedAdultFixtures {
  private n = 0;
  private readonly orgs = new Map<string, string>();

  constructor(readonly db: Db) {}

  async org(slug: string): Promise<string> {
    if (!this.orgs.has(slug)) this.orgs.set(slug, (await this.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
    return this.orgs.get(slug)!;
  }

  /** Unique names for a new adopted person. */
  names() {
    const n = ++this.n;
    const given = GIVEN_NAMES[n % GIVEN_NAMES.length]!;
    const family = `${FAMILY_NAMES[n % FAMILY_NAMES.length]!}-Adopted${n}${Date.now() % 10000}`;
    return { given, family, birthName: `${given} ${family}`, adoptiveName: `${given} Adoptive${n}` };
  }

  /** Request input for the council: by default a birth mother's intermediary request about someone born in 1985 and adopted in 1986. */
  async input(councilSlug: string, o: Partial<RequestInput> = {}): Promise<RequestInput> {
    const p = this.names();
    return {
      ownerId: await this.org(councilSlug), kind: 'intermediary', receivedOn: '2026-08-03', applicantGivenName: 'Karen', applicantFamilyName: p.family, applicantDateOfBirth: '1966-04-02',
      applicantRole: 'birth-relative', relationship: 'birth-mother', birthName: p.birthName, adoptiveName: p.adoptiveName, adoptedDateOfBirth: '1985-02-11',
      orderOn: '1986-01-20', orderOnExact: true, ...o,
    };
  }

  /** A pre-commencement intermediary request, acknowledged, tracing started and the adopted person traced (last step over eight weeks before 23 November 2026). */
  async intermediary(councilSlug: string, o: Partial<RequestInput> = {}) {
    const input = await this.input(councilSlug, o);
    const id = await store.insertRequest(this.db, input, null);
    await store.insertStep(this.db, id, { step: 'acknowledged', on: '2026-08-10' }, null);
    await store.insertStep(this.db, id, { step: 'tracing-started', on: '2026-08-20' }, null);
    await store.insertStep(this.db, id, { step: 'traced', on: '2026-09-01', person: 'The adopted person' }, null);
    return { id, ...input };
  }

  /** A birth records request from someone adopted in 1968, with no counselling and no response yet. */
  async before1975(councilSlug: string, o: Partial<RequestInput> = {}) {
    const p = this.names();
    const input = await this.input(councilSlug, {
      kind: 'birth-records', applicantRole: 'adopted-person', relationship: undefined, applicantGivenName: p.given, applicantFamilyName: p.family, applicantDateOfBirth: '1967-05-09',
      birthName: p.birthName, adoptedDateOfBirth: '1967-05-09', orderOn: '1968-03-14', receivedOn: '2026-09-01', ...o,
    });
    return { id: await store.insertRequest(this.db, input, null), ...input };
  }
}
