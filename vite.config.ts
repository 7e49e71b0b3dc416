import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    // monaco-yaml's worker manager imports monaco-editor's deep ESM paths, which the package's exports map now spells without `esm/vs/`.
    alias: [
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
      // The YAML worker bundles Prettier for formatting, which the editor turns off: a stub keeps it out of the worker.
      { find: /^prettier\/(standalone|plugins\/yaml|plugins\/estree)$/, replacement: fileURLToPath(new URL('./src/app/editor/prettier-stub.ts', import.meta.url)) },
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 5000 },
  // Development keeps Vite's local-only CORS default, plus frames sandboxed without allow-same-origin (origin "null"),
  // such as the example course page's first frame.
  server: { host: '127.0.0.1', port: 5173, cors: { origin: [/^https?:\/\/(?:(?:[^:]+\.)?localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/, 'null'] } },
  // The built playground is static and may be embedded by any page, including a frame sandboxed without
  // allow-same-origin (origin "null"), whose module scripts are CORS requests: the preview server allows them.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, cors: { origin: '*' } },
});
