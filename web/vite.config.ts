// The web app: built into web/dist, which the santei server serves at `/`. `npx vite --config
// web/vite.config.ts` serves it with hot reload and sends /api to a server started with `npm start`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// (decoded: a checkout path with spaces or non-ASCII letters stays a path)
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
