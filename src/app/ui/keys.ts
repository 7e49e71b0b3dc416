/**
 * Whether a key press goes into text: a field, a list box, or the editor.
 * Page-wide letter shortcuts (F to fit the canvas) leave such keys alone.
 */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return !!target.closest('input, textarea, select, [role="textbox"], [role="combobox"], [contenteditable="true"], .monaco-editor');
}
