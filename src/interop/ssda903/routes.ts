// SSDA903 pages: a council's returns (runs and their findings), the upload that validates or
// imports a return in the background with its progress shown, the findings as CSV, and the
// export of a collection year's tables. Only the council's analysts and administrators.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access.ts';
import { NotFoundError, type FieldError } from '../../core/errors.ts';
import { formErrors } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import { FILE_NAMES, parseCollectionYear, SUPPORTED_END_YEARS, TABLE_NAMES, yearEnding, type TableName } from './model.ts';
import { MAX_FILE_BYTES, type ReturnFile } from './reader.ts';
import { LEFT_OUT, RULES, rulesFor, yearsText } from './rules/index.ts';
import * as returns from './service.ts';
import type * as store from './store.ts';
import * as staff from '../../staff/service.ts';

const PAGE_SIZE = 100;
const idParams = z.object({ id: z.uuid() });

const yearItems = (selected?: string) => [...SUPPORTED_END_YEARS].reverse().map((y) => {
  const year = yearEnding(y);
  return { value: year.label, text: `${year.label} (1 April ${y - 1} to 31 March ${y})`, selected: year.label === selected };
});

/** The collection year that has most recently ended: the return councils are preparing. */
function latestEndedYear(today: string): string {
  const endYear = Number(today.slice(0, 4)) - (today.slice(5) <= '03-31' ? 1 : 0);
  return yearEnding(Math.min(endYear, SUPPORTED_END_YEARS.at(-1)!)).label;
}

/** Progress of the runs in this process, by run id: the page and its JSON read it. */
type Progress = returns.Progress;
const RULE_TEXT = new Map(RULES.map((r) => [r.rule, r.description]));

declare module 'fastify' {
  interface FastifyRequest {
    /** Where this request's uploaded files were written, and what was written. */
    uploadDir?: string;
    uploads?: { field: string; name: string; path: string }[];
    /** Set once a run has taken the files: it removes them when it ends. */
    keepUpload?: boolean;
  }
}

export function ssda903Routes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const progress = new Map<string, Progress>();

  app.get('/returns', async (request, reply) => {
    const ctx = request.ctx!;
    const council = await returns.ownCouncil(db, ctx);
    const runs = await returns.runsFor(db, ctx, council);
    return render(request, reply, 'interop/ssda903/views/returns.njk', { title: 'SSDA903 returns', council, runs });
  });

  // ---- the rules Mercia checks, by collection year ----------------------------------------------

  app.get('/returns/903/rules', async (request, reply) => {
    const council = await returns.ownCouncil(db, request.ctx!);
    const asked = (request.query as { year?: string }).year;
    const year = parseCollectionYear(asked ?? latestEndedYear(services.today()));
    if (!year) reply.code(400);
    const rules = year ? rulesFor(year.endYear).map((r) => ({ ...r, years: yearsText(r), tableList: r.tables.join(', ') })) : [];
    return render(request, reply, 'interop/ssda903/views/rules.njk', {
      title: year ? `SSDA903 rules checked for ${year.label}` : 'SSDA903 rules checked', council, year, rules, leftOut: LEFT_OUT,
      yearItems: yearItems(year?.label), errors: year ? undefined : formErrors([{ field: 'year', message: 'Select a collection year from 2022/23 to 2026/27' }]),
      backLink: '/returns',
    });
  });

  // ---- upload ------------------------------------------------------------------------------

  app.get('/returns/upload', async (request, reply) => {
    const council = await returns.ownCouncil(db, request.ctx!);
    return render(request, reply, 'interop/ssda903/views/upload.njk', {
      title: 'Upload a return', council, yearItems: yearItems(latestEndedYear(services.today())), values: { mode: 'validate' }, maxMegabytes: Math.floor(MAX_FILE_BYTES / 1_048_576),
    });
  });

  // Uploads stream to a temporary folder, never into memory, and only from a council's own
  // analysts and administrators: who may upload is settled before a byte is written.
  void app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const staffId = request.session?.staffId;
      const actor = staffId ? await staff.actorById(db, staffId) : undefined;
      if (!actor) return reply.redirect('/sign-in?next=%2Freturns%2Fupload', 303);
      await returns.ownCouncil(db, await staff.contextFor(db, actor, services.today()));
      if (!String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) return reply.code(415).send('Upload the return as multipart/form-data');
    });
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_FILE_BYTES, files: 12, fields: 10, parts: 22 },
      // Each file goes to disk as it arrives; the request keeps the list of what it wrote, which
      // is the only source of paths (never the body).
      onFile: async function (this: FastifyRequest, part: MultipartFile) {
        this.uploadDir ??= await mkdtemp(join(tmpdir(), 'mercia-903-'));
        const name = basename(part.filename || 'file').replace(/[^\w.-]/g, '_') || 'file';
        const path = join(this.uploadDir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
        await pipeline(part.file, createWriteStream(path));
        if (part.filename) (this.uploads ??= []).push({ field: part.fieldname, name, path });
        (part as unknown as { value: string }).value = name;
      },
    });
    const discard = async (request: FastifyRequest) => {
      // The files are kept only while a run reads them; a refused or abandoned upload leaves nothing behind.
      if (request.uploadDir && !request.keepUpload) await rm(request.uploadDir, { recursive: true, force: true }).catch(() => undefined);
    };
    scope.addHook('onResponse', discard);
    scope.addHook('onRequestAbort', discard);

    scope.post('/returns/upload', async (request, reply) => {
      const ctx = request.ctx!;
      const council = await returns.ownCouncil(db, ctx);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const uploaded = (field: string): ReturnFile[] => (request.uploads ?? []).filter((u) => u.field === field).map(({ name, path }) => ({ name, path }));
      const files = uploaded('files');
      const previousFiles = uploaded('previous');
      const errors: FieldError[] = [];
      const year = parseCollectionYear(String(body.year ?? ''));
      if (!year) errors.push({ field: 'year', message: 'Select the collection year' });
      if (files.length === 0) errors.push({ field: 'files', message: 'Select the return\'s files: its CSV files, or one XML file' });
      const mode = body.mode === 'import' ? 'import' : body.mode === 'validate' ? 'validate' : null;
      if (!mode) errors.push({ field: 'mode', message: 'Select whether to check the return only, or check and import it' });
      if (errors.length) {
        reply.code(422);
        return render(request, reply, 'interop/ssda903/views/upload.njk', {
          title: 'Upload a return', council, yearItems: yearItems(String(body.year ?? '')), values: body, errors: formErrors(errors), maxMegabytes: Math.floor(MAX_FILE_BYTES / 1_048_576),
        });
      }
      request.keepUpload = true;
      const dir = request.uploadDir!;
      const runId = await startRun(ctx, council, { files, previousFiles }, year!, mode!, dir);
      return reply.redirect(`/returns/runs/${runId}`, 303);
    });
  });

  /** Start the run in the background; resolves with its id as soon as it is recorded. */
  function startRun(ctx: RequestContext, council: store.Council, upload: { files: ReturnFile[]; previousFiles: ReturnFile[] }, year: NonNullable<ReturnType<typeof parseCollectionYear>>, mode: 'validate' | 'import', dir: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let id: string | null = null;
      returns.runReturn(db, ctx, {
        council, year, ...upload, mode, today: services.today(),
        onStart: (runId) => {
          id = runId;
          progress.set(runId, { phase: 'checking', bytesRead: 0, totalBytes: 0, children: 0 });
          resolve(runId);
        },
        onProgress: (p) => { if (id) progress.set(id, p); },
      }).catch((error: unknown) => {
        if (id === null) reject(error);
        else app.log.error({ err: error, runId: id }, 'SSDA903 run failed');
      }).finally(() => {
        if (id) progress.delete(id);
        void rm(dir, { recursive: true, force: true }).catch(() => undefined);
      });
    });
  }

  // ---- a run and its findings ---------------------------------------------------------------------

  app.get('/returns/runs/:id', async (request, reply) => {
    const parsed = idParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError('Run');
    const pageNumber = Math.max(1, Number((request.query as { page?: string }).page) || 1);
    const { run, findings, byRule } = await returns.viewRun(db, request.ctx!, parsed.data.id, { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
    const stored = byRule.reduce((n, r) => n + r.count, 0);
    const pages = Math.max(1, Math.ceil(stored / PAGE_SIZE));
    return render(request, reply, 'interop/ssda903/views/run.njk', {
      title: `${run.mode === 'import' ? 'Import' : 'Check'} of the ${run.collectionYear} return`, run, findings, progress: progressView(progress.get(run.id)),
      byRule: byRule.map((r) => ({ ...r, description: RULE_TEXT.get(r.rule) ?? (r.rule === 'FORMAT' ? 'The file\'s format: header, dates, codes, required values' : '') })),
      stored, pageNumber, pages, backLink: '/returns',
    });
  });

  app.get('/returns/runs/:id/progress', async (request) => {
    const parsed = idParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError('Run');
    const run = await returns.runFor(db, request.ctx!, parsed.data.id);
    return { status: run.status, ...progressView(progress.get(run.id)) };
  });

  app.get('/returns/runs/:id/findings.csv', async (request, reply) => {
    const parsed = idParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError('Run');
    const { run, findings } = await returns.runFindings(db, request.ctx!, parsed.data.id);
    // Cells come from the uploaded files: one that a spreadsheet would take for a formula is quoted as text.
    const text = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    const csv = stringify(findings.map((f) => [text(f.file), f.line ?? '', f.column ?? '', f.rule, f.severity, text(f.child ?? ''), text(f.message)]), {
      header: true, columns: ['file', 'line', 'column', 'rule', 'severity', 'child', 'message'],
    });
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="findings-${run.collectionYear.replace('/', '-')}-${run.id.slice(0, 8)}.csv"`)
      .send(csv);
  });

  // ---- export -------------------------------------------------------------------------------

  app.get('/returns/export', async (request, reply) => {
    const council = await returns.ownCouncil(db, request.ctx!);
    const selected = String((request.query as { year?: string }).year ?? latestEndedYear(services.today()));
    const year = parseCollectionYear(selected);
    return render(request, reply, 'interop/ssda903/views/export.njk', {
      title: 'Export a return', council, yearItems: yearItems(year?.label), year,
      tables: year ? TABLE_NAMES.map((t) => ({ table: t, file: FILE_NAMES[t], href: `/returns/export/${year.label.replace('/', '-')}/${FILE_NAMES[t]}` })) : [],
      backLink: '/returns',
    });
  });

  app.get('/returns/export/:year/:file', async (request, reply) => {
    const ctx = request.ctx!;
    const council = await returns.ownCouncil(db, ctx);
    const { year: yearText, file } = request.params as { year: string; file: string };
    const year = parseCollectionYear(yearText);
    const table = (Object.entries(FILE_NAMES) as [TableName, string][]).find(([, name]) => name === file)?.[0];
    if (!year || !table) throw new NotFoundError('File');
    const dir = await mkdtemp(join(tmpdir(), 'mercia-903-export-'));
    try {
      await returns.exportReturn(db, ctx, { council, year, dir });
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${council.slug}-${year.label.replace('/', '-')}-${file}"`);
      const stream = createReadStream(join(dir, file));
      stream.on('close', () => void rm(dir, { recursive: true, force: true }));
      return reply.send(stream);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  });
}

function progressView(p: Progress | undefined) {
  if (!p) return null;
  const percent = p.totalBytes ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 0;
  const phase = p.phase === 'importing' ? 'Importing' : p.phase === 'checking' ? 'Checking' : 'Finishing';
  return { phase, percent, children: p.children, text: `${phase}: ${percent}% of the files read, ${p.children.toLocaleString('en-GB')} children so far` };
}

