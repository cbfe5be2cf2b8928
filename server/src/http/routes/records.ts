import {
  canIssue,
  copySessionState,
  IdSchema,
  type PreviousReport,
  type ReportImportPreview,
  type SessionEvent,
  type SessionState,
} from '@plenum/shared';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { CommandService } from '../../domain/commandService.js';
import { DomainError } from '../../domain/errors.js';
import type { ChainedEvent } from '../../chain/hash.js';
import type { Clock, IdGenerator, Store } from '../../domain/ports.js';
import { recordsAccess, type RecordKind, type RecordsScope } from '../../records/access.js';
import { ArchiveRefusal, buildArchive, checkArchive, importRequests } from '../../records/archive.js';
import { sessionCalendar } from '../../records/calendar.js';
import { recordLanguages, recordWords } from '../../records/i18n.js';
import recordLocale from '../../records/locales/en.json' with { type: 'json' };
import { MinutesQueueFull, type MinutesFormat, type MinutesPool } from '../../records/minutesPool.js';
import {
  importsAs,
  previewReportImport,
  ReportImportMapSchema,
  reportImportColumns,
  reportImportCommandId,
  reportImportEvents,
  type ReportImportColumn,
  type ReportImportMap,
} from '../../records/reportImport.js';
import { tableCsv, tablesXlsx } from '../../records/spreadsheet.js';
import {
  criticismsTable,
  directivesTable,
  resultsTable,
  verificationsTable,
  warningsTable,
  type RecordTable,
} from '../../records/tables.js';
import { requireAdmin, requireSessionReader, type HttpAuth } from '../middleware/auth.js';
import { sendProblem, Unprocessable } from '../problem.js';
import { csvTable, nonEmpty, requireColumns, xlsxTable, xlsxType, type ExpectedColumns } from '../tables.js';
import type { TrendsReadModel } from '../../trends/TrendsReadModel.js';

export interface RecordsRoutesOptions {
  store: Store;
  commands: CommandService;
  clock: Clock;
  ids: IdGenerator;
  auth: HttpAuth;
  /** The worker threads that make the minutes, as PDF and as Markdown. */
  minutes: MinutesPool;
  /** The quarters a session follows up, for the minutes' streaks under the threshold. */
  trends: TrendsReadModel;
  /** Tells the session's open screens of events appended over REST. */
  published?: (sessionId: string, events: readonly SessionEvent[]) => void;
}

const RecordQuerySchema = z.object({
  lang: z.enum(recordLanguages).default('en'),
  /** 1-based day of the session. */
  day: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Events read per page when the whole log is exported. */
const archivePage = 5000;
/** Media type of an archive being imported: too large for the API's JSON parser, read here. */
export const archiveMediaType = 'application/vnd.plenum.archive+json';

/**
 * The records people take away, each as the reader's role may see it (`recordsAccess`):
 * `GET /api/sessions/:id/minutes.md`, `minutes.pdf`, `results.csv`, `results.xlsx`, `verifications.csv`,
 * `criticisms.csv`, `directives.csv`, `warnings.csv`, `calendar.ics`, `archive.json`, with `?lang=en|ko` and
 * `?day=N`; `POST /api/archives` (administrator), importing an archive as a new session; and
 * `POST /api/sessions/:id/reports/preview` and `…/reports`, importing plans and results from a
 * file with the columns of `results.csv` (a presenter their own unit's rows, the chair or an
 * administrator any unit's), applied whole in one append or not at all; and
 * `GET /api/sessions/:id/units/:unitId/previous-report`, the unit's report of the period before,
 * for this period's to start from.
 */
export function recordsRoutes(options: RecordsRoutesOptions): Router {
  const router = Router();

  /**
   * What `view` makes of the session's state and the reader's scope, once the reader may take
   * `kind`. The state is the live one, which `view` must not keep (see `CommandService.read`).
   */
  async function openWith<T>(
    req: Request,
    kind: RecordKind,
    view: (state: SessionState, scope: RecordsScope) => T,
  ): Promise<T> {
    const sessionId = IdSchema.parse(req.params.sessionId);
    const { participant } = await requireSessionReader(req, options.auth, sessionId);
    // ADMIN_TOKEN names nobody: it reads as an administrator, who reads what the chair reads.
    const reader = participant ?? { role: 'administrator' as const, unitId: null };
    if (!recordsAccess[reader.role].records.includes(kind)) {
      throw new DomainError('FORBIDDEN', `The ${reader.role}'s screens do not show this record.`);
    }
    const query = RecordQuerySchema.parse(req.query);
    return options.commands.readWhole(sessionId, (state) => {
      const days = state.definition?.days ?? [];
      if (state.definition === null) throw new DomainError('NOT_FOUND', 'No such session.');
      const day = query.day === undefined ? null : days[query.day - 1];
      if (day === undefined) throw new DomainError('NOT_FOUND', `The session has no day ${query.day}.`);
      return view(state, { role: reader.role, unitId: reader.unitId, lang: query.lang, dayId: day?.id ?? null });
    });
  }

  /**
   * As {@link openWith}, with the chain hash of the head the view's state stands at, for the
   * minutes' footer: read before the view, and read again when the log moved on meanwhile (at
   * most three times; then the view gets null and the footer names the seq only).
   */
  async function openChained<T>(
    req: Request,
    kind: RecordKind,
    view: (state: SessionState, scope: RecordsScope, headHash: string | null) => T,
  ): Promise<T> {
    const sessionId = IdSchema.parse(req.params.sessionId);
    for (let attempt = 1; ; attempt++) {
      const seq = await options.store.head(sessionId);
      const [head] = seq === 0 ? [] : await options.store.readChain(sessionId, seq - 1, 1);
      const outcome = await openWith(req, kind, (state, scope) => {
        const matches = head !== undefined && head.event.seq === state.lastSeq;
        return matches || attempt >= 3 ? { value: view(state, scope, matches ? head.hash : null) } : null;
      });
      if (outcome) return outcome.value;
    }
  }

  /** The reader's scope and a copy of the session's state, once the reader may take `kind`. */
  const open = (req: Request, kind: RecordKind) =>
    openWith(req, kind, (state, scope) => ({ scope, state: copySessionState(state) }));

  /** A download's name: the session's period, the record, its day and language. */
  function fileName(state: SessionState, scope: RecordsScope, name: string): string {
    const day = scope.dayId === null ? '' : `-day-${state.definition!.days.findIndex((d) => d.id === scope.dayId) + 1}`;
    const [base, extension] = name.split('.') as [string, string];
    return `${state.definition!.period}-${base}${day}.${scope.lang}.${extension}`;
  }

  /** Sends a record as a download named after the session's period, the record, its day and language. */
  function send(
    res: Response,
    state: SessionState,
    scope: RecordsScope,
    name: string,
    type: string,
    body: string | Buffer,
  ) {
    sendFile(res, fileName(state, scope, name), type, body);
  }

  function sendFile(res: Response, filename: string, type: string, body: string | Buffer) {
    res.set({
      'content-type': type,
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    });
    res.send(body);
  }

  // The minutes are made in the pool's workers, which make the state at the job's seq themselves:
  // the event loop neither copies nor serialises the state, nor waits on a long session's document.
  const minutesTypes: Record<MinutesFormat, string> = {
    md: 'text/markdown; charset=utf-8',
    pdf: 'application/pdf',
  };
  for (const format of ['md', 'pdf'] as const) {
    router.get(`/api/sessions/:sessionId/minutes.${format}`, async (req, res) => {
      // The quarters before are read once the reader may take the minutes; this one from its live state.
      const previous = await openWith(req, 'minutes', (state) => state.definition!.previousSessionId);
      const earlier = previous === null ? [] : await options.trends.chain(previous);
      const { filename, job } = await openChained(req, 'minutes', (state, scope, headHash) => ({
        filename: fileName(state, scope, `minutes.${format}`),
        job: options.minutes.job(state, scope, format, headHash, earlier),
      }));
      try {
        sendFile(res, filename, minutesTypes[format], await options.minutes.render(job));
      } catch (error) {
        if (!(error instanceof MinutesQueueFull)) throw error;
        res.set('retry-after', String(error.retryAfterSeconds));
        res.status(503).json({ ok: false, error: { code: 'RATE_LIMITED', message: error.message } });
      }
    });
  }

  const tables: Record<
    'results' | 'verifications' | 'criticisms' | 'directives' | 'warnings',
    (state: SessionState, scope: RecordsScope) => RecordTable
  > = {
    results: resultsTable,
    verifications: verificationsTable,
    criticisms: criticismsTable,
    directives: (state, scope) => directivesTable(state, scope, options.clock.now().toISOString().slice(0, 10)),
    warnings: warningsTable,
  };
  for (const [kind, table] of Object.entries(tables) as [keyof typeof tables, (typeof tables)[keyof typeof tables]][]) {
    router.get(`/api/sessions/:sessionId/${kind}.csv`, async (req, res) => {
      const { scope, state } = await open(req, kind);
      send(res, state, scope, `${kind}.csv`, 'text/csv; charset=utf-8', tableCsv(table(state, scope)));
    });
  }

  router.get('/api/sessions/:sessionId/results.xlsx', async (req, res) => {
    const { scope, state } = await open(req, 'results');
    const sheets = (Object.keys(tables) as (keyof typeof tables)[])
      .filter((kind) => recordsAccess[scope.role].records.includes(kind))
      .map((kind) => tables[kind](state, scope));
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    send(res, state, scope, 'results.xlsx', type, await tablesXlsx(sheets));
  });

  router.get('/api/sessions/:sessionId/calendar.ics', async (req, res) => {
    const { scope, state } = await open(req, 'calendar');
    const body = sessionCalendar(state, scope, options.clock.now());
    send(res, state, scope, 'calendar.ics', 'text/calendar; charset=utf-8', body);
  });

  router.get('/api/sessions/:sessionId/archive.json', async (req, res) => {
    const { scope, state } = await open(req, 'archive');
    const links: ChainedEvent[] = [];
    for (;;) {
      const page = await options.store.readChain(state.sessionId, links.length, archivePage);
      links.push(...page);
      if (page.length < archivePage) break;
    }
    const archive = buildArchive(state.sessionId, links, options.clock.now());
    send(
      res,
      state,
      { ...scope, dayId: null },
      'archive.json',
      'application/json; charset=utf-8',
      JSON.stringify(archive),
    );
  });

  router.post('/api/archives', express.raw({ type: archiveMediaType, limit: '64mb' }), async (req, res) => {
    await requireAdmin(req, options.auth);
    try {
      const body: unknown = Buffer.isBuffer(req.body) ? parseJson(req.body) : req.body;
      const { archive, events } = checkArchive(body);
      const sessionId = options.ids.next();
      await options.store.appendBatch(importRequests(events, archive.sessionId, sessionId));
      res.status(201).json({ ok: true, data: { sessionId, headSeq: archive.headSeq } });
    } catch (error) {
      if (!(error instanceof ArchiveRefusal)) throw error;
      const code = error.reason === 'incompatible' ? 'CONFLICT' : 'INVALID_PAYLOAD';
      sendProblem(req, res, code, error.message, {
        reason: error.reason,
        ...(error.seq === null ? {} : { seq: error.seq }),
      });
    }
  });

  /**
   * The unit's report in the period the session follows up (`previousSessionId`): each indicator
   * as last submitted there, with its verified value; null when the session follows up none or
   * the unit had no report in it. For those who may submit the unit's report (its presenter, the
   * chair, an administrator), as the report form's starting point.
   */
  router.get('/api/sessions/:sessionId/units/:unitId/previous-report', async (req, res) => {
    const sessionId = IdSchema.parse(req.params.sessionId);
    const unitId = IdSchema.parse(req.params.unitId);
    const { participant } = await requireSessionReader(req, options.auth, sessionId);
    const reader = importsAs(participant ?? { role: 'administrator', unitId: null });
    if (!canIssue(reader.role, 'report:submit') || (reader.role === 'presenter' && reader.unitId !== unitId)) {
      throw new DomainError('FORBIDDEN', 'The report of the period before is read by those who submit this one.');
    }
    const previousSessionId = await options.commands.read(sessionId, (state) => {
      // Own keys only: an id such as `constructor` names no unit.
      if (state.definition === null || !Object.hasOwn(state.units, unitId)) {
        throw new DomainError('NOT_FOUND', `The review session ${sessionId} has no unit ${unitId}.`);
      }
      return state.definition.previousSessionId;
    });
    const previous: PreviousReport | null =
      previousSessionId === null
        ? null
        : await options.commands.read(previousSessionId, (state) => {
            const report = Object.hasOwn(state.reports, unitId) ? state.reports[unitId] : undefined;
            if (state.definition === null || report === undefined) return null;
            return {
              sessionId: state.sessionId,
              period: state.definition.period,
              // Copies, since the state changes in place with later events; the findings and
              // evidence stay with the inspection's record.
              indicators: report.indicators.map(
                ({ finding: _finding, evidence: _evidence, ...indicator }) => indicator,
              ),
            };
          });
    res.json({ ok: true, data: previous });
  });

  const files = [express.text({ type: 'text/csv', limit: '512kb' }), express.raw({ type: xlsxType, limit: '2mb' })];

  /** The importer (a participant who submits reports, or an administrator), the session's state and the file's preview. */
  async function previewFile(req: Request) {
    const sessionId = IdSchema.parse(req.params.sessionId);
    const signed = await requireSessionReader(req, options.auth, sessionId);
    // ADMIN_TOKEN names nobody: it imports as an administrator, in the log under its own id.
    const importer = signed.participant ?? { role: 'administrator' as const, unitId: null };
    if (!canIssue(importsAs(importer).role, 'report:submit')) {
      throw new DomainError(
        'FORBIDDEN',
        'Reports are imported by those who submit them (the chair or a presenter) or by an administrator.',
      );
    }
    const body: unknown = req.body;
    const table = Buffer.isBuffer(body) ? await xlsxTable(body) : typeof body === 'string' ? csvTable(body) : null;
    if (table === null) throw new DomainError('INVALID_PAYLOAD', 'Send the file as text/csv or as an XLSX workbook.');
    const rows = nonEmpty(table, 'row');
    const map = mapOf(req.query.map);
    requireColumns(rows, reportFileColumns(map));
    const state = await options.commands.state(sessionId);
    if (state.definition === null) throw new DomainError('NOT_FOUND', 'No such session.');
    if (!canIssue(importsAs(importer).role, 'report:submit', state.status)) {
      throw new DomainError('FORBIDDEN', `The session is ${state.status}: reports can no longer be submitted.`);
    }
    const preview = previewReportImport(state, importer, rows, map);
    return { sessionId, actorId: signed.id, importer, file: body as string | Buffer, preview };
  }

  router.post('/api/sessions/:sessionId/reports/preview', ...files, async (req, res) => {
    const { preview } = await previewFile(req);
    res.json({ ok: true, data: preview });
  });

  router.post('/api/sessions/:sessionId/reports', ...files, async (req, res) => {
    const { sessionId, actorId, importer, file, preview } = await previewFile(req);
    if (!preview.valid) {
      const invalid = preview.rows.filter((r) => r.errors.length > 0).length;
      throw Unprocessable.rows(invalid, preview satisfies ReportImportPreview);
    }
    // Every unit's report in one append: all of the file is applied, or nothing.
    const outcome = await options.commands.appendCommand(
      sessionId,
      actorId,
      reportImportCommandId(file, actorId),
      (state) => reportImportEvents(state, importer, preview.reports),
    );
    if (outcome.events.length > 0) options.published?.(sessionId, outcome.events);
    res.json({ ok: true, data: preview });
  });
  return router;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ArchiveRefusal('invalid', 'The archive is not JSON.');
  }
}

/** The columns of the record tables, by key and as written in every record language, lower-cased. */
const recordHeaders = new Set(
  Object.keys(recordLocale.columns).flatMap((key) => [
    key.toLowerCase(),
    ...recordLanguages.map((lang) => recordWords(lang).t(`columns.${key}`).toLowerCase()),
  ]),
);

/** The report import's columns (read as `previewReportImport` does): the export's, or as `map` names them. */
function reportFileColumns(map: ReportImportMap): ExpectedColumns {
  const mapped = new Set(Object.values(map).map((header) => header.toLowerCase()));
  const names = (column: ReportImportColumn) =>
    map[column] === undefined
      ? [column, ...recordLanguages.map((lang) => recordWords(lang).t(`columns.${column}`))].map((h) => h.toLowerCase())
      : [map[column].toLowerCase()];
  return {
    expected: reportImportColumns,
    // Without these, every row is refused; the others may be left out.
    required: ['unitId', 'indicatorId', 'indicator', 'measure', 'planned', 'reported'],
    // The export's other columns (fulfilment, flags…) are known, and ignored.
    recognised: (header) => recordHeaders.has(header.toLowerCase()) || mapped.has(header.toLowerCase()),
    holds: (headers, column) =>
      headers.some((header) => names(column as ReportImportColumn).includes(header.toLowerCase())),
  };
}

/** `?map=` as JSON: the file's header for each column that differs from the export's. */
function mapOf(map: unknown): ReportImportMap {
  if (typeof map !== 'string') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(map);
  } catch {
    throw new DomainError('INVALID_PAYLOAD', 'The column mapping (?map=) is not JSON.');
  }
  return ReportImportMapSchema.parse(parsed);
}
