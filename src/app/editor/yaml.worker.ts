// The YAML language worker (monaco-yaml's yaml-language-server), bundled by Vite through `?worker`.
import 'monaco-yaml/yaml.worker.js';
