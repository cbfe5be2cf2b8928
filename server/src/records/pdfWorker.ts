import { parentPort, workerData } from 'node:worker_threads';
import type { PdfJob } from './pdf.js';
import { layoutPdf } from './pdfLayout.js';

// A worker thread of `renderPdf`: lays out one record and posts the PDF's bytes back.
const { document, lang } = workerData as PdfJob;
parentPort?.postMessage(await layoutPdf(document, lang));
