import { ApiError, refusalOf } from '../../api/request';
import { inviteTokenKey } from '../../app/inviteToken';

/** The records the server writes for a session (`GET /api/sessions/:id/<file>`). */
export const recordFiles = [
  'minutes.md',
  'minutes.pdf',
  'calendar.ics',
  'archive.json',
  'results.xlsx',
  'results.csv',
  'verifications.csv',
  'criticisms.csv',
  'directives.csv',
  'warnings.csv',
] as const;
export type RecordFile = (typeof recordFiles)[number];

/** The tables of the session, offered with the dashboard and with the minutes (where records are looked for). */
export const tableFiles = [
  'results.xlsx',
  'results.csv',
  'verifications.csv',
  'criticisms.csv',
  'directives.csv',
  'warnings.csv',
] as const satisfies readonly RecordFile[];

/** The `?lang` and `?day` of a record: the screen's language, and a day (1-based) or the whole session. */
export interface RecordOptions {
  lang: string;
  day: number | null;
}

/** The file name the server gave in Content-Disposition, or `fallback`. */
function fileName(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/**
 * Fetches a record of the session with this tab's invite token and saves it as a file; throws
 * {@link ApiError} with the server's refusal, or `NETWORK` when the server cannot be reached.
 */
export async function downloadRecord(sessionId: string, file: RecordFile, options: RecordOptions): Promise<void> {
  const token = window.sessionStorage.getItem(inviteTokenKey(sessionId)) ?? '';
  const query = new URLSearchParams({ lang: options.lang });
  if (options.day !== null) query.set('day', String(options.day));
  let response: Response;
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/${file}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    throw new ApiError('NETWORK', 'The server cannot be reached.');
  }
  if (!response.ok) throw await refusalOf(response);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName(response, file);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}
