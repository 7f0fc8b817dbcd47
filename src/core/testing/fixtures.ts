// What every area's test fixtures start from: the database, a counter for names and references
// that never repeat within a run, and organisations by their demo slug (looked up once).
import type { Db } from '../db.ts';

export class Fixtures {
  protected n = 0;
  private readonly orgs = new Map<string, string>();

  constructor(readonly db: Db) {}

  next(): number {
    return ++this.n;
  }

  async org(slug: string): Promise<string> {
    if (!this.orgs.has(slug)) this.orgs.set(slug, (await this.db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
    return this.orgs.get(slug)!;
  }
}
