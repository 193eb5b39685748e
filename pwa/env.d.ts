/// <reference types="vite/client" />

// Build-time settings (Vite inlines VITE_* variables); see platform/tiles/source.ts.
interface ImportMetaEnv {
  readonly VITE_TILE_URL?: string;
  readonly VITE_TILE_ATTRIBUTION?: string;
  readonly VITE_TILE_SUBDOMAINS?: string;
  readonly VITE_TILE_MAX_ZOOM?: string;
  readonly VITE_TILE_PREFETCH?: string;
}
