/**
 * Stands in for Prettier inside the YAML worker (vite.config.ts aliases
 * `prettier/standalone` and its plugins here). The editor turns formatting
 * off, so this only keeps ~450 KB of Prettier out of the worker bundle.
 */
export async function format(text: string): Promise<string> {
  return text;
}
