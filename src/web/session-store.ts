// @fastify/session store backed by the web_session table, so sessions survive a restart
// and an operator can end them all with one DELETE.
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Db } from '../core/db.ts';

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: Session | null) => void;

export class DatabaseSessionStore implements SessionStore {
  constructor(private readonly db: Db, private readonly idleMinutes: number) {}

  set(id: string, session: Session, callback: Callback): void {
    const expiresAt = new Date(Date.now() + this.idleMinutes * 60_000);
    const data = JSON.stringify(session);
    this.db.insertInto('web_session')
      .values({ id, staff_id: session.staffId ?? null, data, expires_at: expiresAt })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data, staff_id: session.staffId ?? null, expires_at: expiresAt }))
      .execute().then(() => callback(), callback);
  }

  get(id: string, callback: GetCallback): void {
    this.db.selectFrom('web_session').select('data').where('id', '=', id).where('expires_at', '>', new Date())
      .executeTakeFirst().then((row) => callback(null, row ? (row.data as Session) : null), (err) => callback(err));
  }

  destroy(id: string, callback: Callback): void {
    this.db.deleteFrom('web_session').where('id', '=', id).execute().then(() => callback(), callback);
  }
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const result = await db.deleteFrom('web_session').where('expires_at', '<=', new Date()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
