import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// electron-vite's defaults expect src/main, src/preload and src/renderer; Folio keeps the
// folder names fixed by the product (electron/, renderer/), so every entry is named here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The CLI (`folio export`, `folio check`) is plain Node built beside the main process,
        // and so is the checker's worker thread (electron/services/check-thread.ts finds it).
        input: { index: resolve('electron/main.ts'), cli: resolve('electron/cli/index.ts'), 'check-worker': resolve('electron/services/check-worker.ts') },
        output: { banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot require node_modules: bundle everything it uses.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload.ts') },
        // A sandboxed renderer can only run a CommonJS preload.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    resolve: {
      // The preview renders in a Web Worker, which has no `document`: use the entity
      // decoder's table build instead of its DOM build (what the "browser" condition picks).
      alias: [{ find: /^decode-named-character-reference$/, replacement: resolve('node_modules/decode-named-character-reference/index.js') }]
    },
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve('renderer/index.html') } }
    }
  }
})
