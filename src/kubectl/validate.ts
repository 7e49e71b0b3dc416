/**
 * kubectl's `--validate` flag and the server's warnings.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go
 * AddValidateFlags / GetValidationDirective (v1.32): the directive is sent to
 * the server as fieldValidation (the simulated server supports it, so kubectl
 * does no client-side schema validation), and of client-go's WarningWriter
 * with deduplication, which prints `Warning: <text>` on stderr.
 */
import type { FieldValidation } from '../engine/api/decode';
import { KubectlError, type VerbContext } from './context';
import type { FlagSpec, FlagValues } from './flags';

/** `--validate`: strict (or true), warn, ignore (or false); `--validate` alone is strict. */
export const VALIDATE_FLAG: FlagSpec = { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' };

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The fieldValidation directive `--validate` asks for; throws kubectl's error for anything else. */
export function validationDirective(flags: FlagValues): FieldValidation {
  const v = (flags['validate'] as string | undefined) ?? 'strict';
  if (TRUE.has(v)) return 'Strict';
  if (FALSE.has(v)) return 'Ignore';
  if (v === 'strict') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore') return 'Ignore';
  throw new KubectlError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** A warning handler for one kubectl command: each distinct warning is printed once. */
export function warningWriter(ctx: Pick<VerbContext, 'err'>): (message: string) => void {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    ctx.err(`Warning: ${message}\n`);
  };
}
