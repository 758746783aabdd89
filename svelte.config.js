import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// TypeScript in <script lang="ts"> (used by vite-plugin-svelte and svelte-check).
export default { preprocess: vitePreprocess() };
