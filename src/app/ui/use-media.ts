/** Whether a CSS media query matches now; re-renders when that changes (a window resized, a phone turned). */
import { useSyncExternalStore } from 'react';

export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => typeof window !== 'undefined' && !!window.matchMedia?.(query).matches,
    () => false,
  );
}

/** A phone, upright or on its side: one panel at a time, as tabs. */
export const PHONE_QUERY = '(max-width: 767px), (max-height: 500px)';
/** An embedded frame goes to tabs only when it is too narrow for panels one above the other (a course page's column is often 600–700 px). */
export const EMBED_PHONE_QUERY = '(max-width: 559px)';
/** Below this width the header's actions fold into a menu. */
export const MENU_QUERY = '(max-width: 1023px)';
