import { useState } from 'react';

/** The content type of an XLSX file. */
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a file picker accepts for an import: CSV or XLSX. */
export const importAccept = `.csv,.xlsx,text/csv,${xlsxType}`;

/** A chosen file as the server takes it: CSV as text, XLSX as its bytes. */
export interface ImportFile {
  name: string;
  body: string | Blob;
  contentType: string;
}

/** A chosen file as the server takes it, or null when it is neither CSV nor XLSX. */
export async function importFile(file: File): Promise<ImportFile | null> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || file.type === xlsxType) return { name: file.name, body: file, contentType: xlsxType };
  if (name.endsWith('.csv') || file.type === 'text/csv') {
    return { name: file.name, body: await file.text(), contentType: 'text/csv' };
  }
  return null;
}

interface FileImportSteps<P extends { valid: boolean }, R> {
  /** Asks the server what the file would do, row by row. */
  preview: (file: ImportFile) => Promise<P>;
  /** Applies the file; the server refuses it unless every row is valid. */
  apply: (file: ImportFile) => Promise<R>;
  /** The preview a refused apply came back with (the file or the data changed since), or null. */
  refusedPreview: (failure: unknown) => P | null;
  /** The screen's words: a file of another type, a failed call, nothing applied, and what was applied. */
  words: {
    wrongType: (name: string) => string;
    failed: (failure: unknown) => string;
    nothingApplied: string;
    applied: (file: ImportFile, result: R) => string;
  };
  onApplied?: () => void;
}

/**
 * The steps of importing a file: choose it (CSV or XLSX), see the server's preview of every row,
 * apply it only when the whole file is valid; a refusal says nothing was applied and shows the
 * preview it came back with.
 */
export function useFileImport<P extends { valid: boolean }, R>(steps: FileImportSteps<P, R>) {
  const [file, setFile] = useState<ImportFile | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<string | null>(null);

  const choose = async (chosen: File) => {
    setError(null);
    setApplied(null);
    setPreview(null);
    const read = await importFile(chosen);
    setFile(read);
    if (!read) {
      setError(steps.words.wrongType(chosen.name));
      return;
    }
    setIsBusy(true);
    try {
      setPreview(await steps.preview(read));
    } catch (failure) {
      setError(steps.words.failed(failure));
    } finally {
      setIsBusy(false);
    }
  };

  const apply = async () => {
    if (!file || !preview?.valid) return;
    setIsBusy(true);
    setError(null);
    try {
      const result = await steps.apply(file);
      setApplied(steps.words.applied(file, result));
      setPreview(null);
      setFile(null);
      steps.onApplied?.();
    } catch (failure) {
      const refused = steps.refusedPreview(failure);
      if (refused) setPreview(refused);
      setError(`${steps.words.failed(failure)} ${steps.words.nothingApplied}`);
    } finally {
      setIsBusy(false);
    }
  };

  return { file, preview, isBusy, error, dismissError: () => setError(null), applied, choose, apply };
}
