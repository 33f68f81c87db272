// The page is built into web/dist (or the folder given with --outDir: CMake builds it into the
// build tree next to the groundwork binary). Relative base: the server serves it at `/`, and it
// keeps working behind a proxy that mounts it elsewhere.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl is one large module; its size is expected, not a warning.
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
});
