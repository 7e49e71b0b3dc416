/**
 * The shape of the page's test handle (`window.__sim`, `window.__editor`),
 * shared by the page, the end-to-end tests and the UI benchmark. Types only.
 */
import type { ClaimView, PodView, SetView, Transport, WhyView } from './protocol';

export interface TestState {
  sets: ReadonlyMap<string, SetView>;
  pods: ReadonlyMap<string, PodView>;
  claims: ReadonlyMap<string, ClaimView>;
  why: ReadonlyMap<string, WhyView>;
  terminal: readonly { kind: string; text: string }[];
  busy: boolean;
  transport: Transport;
  manifests: string;
  appliedManifests: string;
}

export interface SimTestBridge {
  state: () => TestState;
  run: (line: string) => Promise<number>;
  apply: (text?: string) => Promise<number>;
  setManifests: (text: string) => void;
  load: (text: string, play?: boolean) => Promise<boolean>;
  play: () => void;
  pause: () => void;
  speed: (x: number) => void;
  step: () => Promise<void>;
  time: () => number;
}

export interface EditorTestBridge {
  getValue(): string;
  setValue(text: string): void;
  /**
   * Selects the first occurrence of `text` (after `after`, when given) and focuses the editor, as a
   * person would with the mouse; what replaces it is then typed with real key presses. False when absent.
   */
  select(text: string, after?: string): boolean;
  markers(): { line: number; column: number; message: string; owner: string }[];
}

declare global {
  interface Window {
    __sim?: SimTestBridge;
    __editor?: EditorTestBridge;
  }
}
