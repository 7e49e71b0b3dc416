/**
 * Writes a scenario file from what a person did in the playground: the
 * manifests it started from, the cluster settings as written, and every
 * command (controls exported as their kubectl lines) with `sleep` steps for
 * the virtual time that passed between them. `npm run sim` reads the result
 * unchanged, and replaying it reaches the same state at the same time.
 */
import { Document } from 'yaml';

export type ExportStep = string | { say: string } | { check: { run: string; expect?: string; contains?: string; hint: string } };

export interface ExportInput {
  title?: string | null;
  description?: string | null;
  /** The `cluster:` mapping as the scenario wrote it (defaults left out). */
  cluster?: Record<string, unknown> | null;
  manifests: string;
  files?: Record<string, string>;
  steps: readonly ExportStep[];
}

export function exportScenario(s: ExportInput): string {
  const out: Record<string, unknown> = { version: 1 };
  if (s.title) out.title = s.title;
  if (s.description) out.description = s.description;
  if (s.cluster && Object.keys(s.cluster).length) out.cluster = s.cluster;
  out.manifests = s.manifests;
  if (s.files && Object.keys(s.files).length) out.files = s.files;
  out.steps = [...s.steps];
  const doc = new Document(out);
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
}

/** `sleep` for a number of virtual milliseconds, in the shortest exact form. */
export function sleepStep(ms: number): string {
  const s = ms / 1000;
  if (ms % 60_000 === 0) return `sleep ${ms / 60_000}m`;
  return `sleep ${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
}
