import { describe, expect, test } from 'vitest';
import type { RecordDocument } from './document.js';
import { renderPdf } from './pdf.js';

const minutes: RecordDocument = {
  title: '회의록',
  footer: 'Drawn from the log up to event 1.',
  blocks: [
    { kind: 'heading', level: 1, text: '회의록 — Minutes' },
    { kind: 'paragraph', text: '단위별 실적' },
  ],
};

describe('PDF in a worker thread', () => {
  test('the worker answers with the PDF’s bytes', async () => {
    const pdf = await renderPdf(minutes, 'ko');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  test('a layout that fails rejects the render instead of leaving the request waiting', async () => {
    // A table without rows: the layout throws inside the worker.
    const broken = { ...minutes, blocks: [{ kind: 'table', headers: ['a'] }] } as unknown as RecordDocument;
    await expect(renderPdf(broken, 'en')).rejects.toThrow(TypeError);
  });
});
