import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** One answer of the server, as a contract test saw it. */
export interface SeenResponse {
  method: string;
  /** The documented path (`/api/v1/sessions/{sessionId}`), not the URL called. */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, unknown> }> }>
  >;
  components: { responses: Record<string, { content: Record<string, unknown> }> };
}

/** `~` and `/` escaped for a JSON pointer. */
const pointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks answers against an OpenAPI 3.1 document: the status must be documented for the
 * operation, the media type one the document gives for it, and the body valid against its
 * schema (JSON Schema 2020-12, by ajv, with formats). Answers the problems found, none when it fits.
 */
export function responseChecker(document: unknown) {
  const doc = document as OpenApiDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, 'openapi');
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (seen: SeenResponse): string[] => {
    const operation = doc.paths[seen.path]?.[seen.method.toLowerCase()];
    if (!operation) return [`${seen.method} ${seen.path} is not documented`];
    let response = operation.responses[String(seen.status)];
    let base = `openapi#/paths/${pointer(seen.path)}/${seen.method.toLowerCase()}/responses/${seen.status}`;
    if (!response) return [`${seen.method} ${seen.path} does not document status ${seen.status}`];
    if (response.$ref) {
      const name = response.$ref.split('/').at(-1)!;
      response = doc.components.responses[name]!;
      base = `openapi#/components/responses/${pointer(name)}`;
    }
    const mediaType = (seen.contentType ?? '').split(';')[0]!.trim();
    if (!response.content?.[mediaType]) {
      return [`${seen.method} ${seen.path} ${seen.status}: media type ${mediaType} is not documented`];
    }
    const ref = `${base}/content/${pointer(mediaType)}/schema`;
    const validate = compiled.get(ref) ?? ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
    if (validate(seen.body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${seen.method} ${seen.path} ${seen.status}: ${e.instancePath} ${e.message}`,
    );
  };
}
