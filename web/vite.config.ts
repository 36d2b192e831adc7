import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
// Maven passes both; the defaults let `npm run build` and `npm run dev` work by hand after `mvn generate-sources`
const clients = process.env.VERITY_API_CLIENTS ?? path.join(here, 'target/generated-sources/api-clients');
const out = process.env.VERITY_WEB_OUT ?? path.join(here, 'target/classes/META-INF/resources');

export default defineConfig({
  root: path.join(here, 'src/main/webapp'),
  resolve: { alias: { '@api': clients } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: out, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: true },
  // `npm run dev`: the APIs and sign-in through the web server of `./verity run`
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/auth': 'http://127.0.0.1:8080' } },
});
