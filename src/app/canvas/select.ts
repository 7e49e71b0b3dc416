/**
 * Selecting an object from the canvas: click, Enter or Space on a node
 * selects it (the inspector, elsewhere, opens on the store's selection).
 */
import type { KeyboardEvent } from 'react';
import type { ObjectView } from '../../protocol/protocol';
import { select } from '../store/actions';
import { useSim } from '../store/store';

type Kind = ObjectView['kind'];

/** True while this object is the selected one. */
export function useIsSelected(kind: Kind, name: string): boolean {
  return useSim((s) => s.selection?.kind === kind && s.selection.name === name);
}

/** Props that make an element a keyboard-reachable button selecting `kind/name`. */
export function selectProps(kind: Kind, name: string) {
  return {
    role: 'button' as const,
    tabIndex: 0,
    onClick: () => select({ kind, name }),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select({ kind, name });
      }
    },
  };
}
