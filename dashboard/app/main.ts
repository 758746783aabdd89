import { mount } from 'svelte';
import App from './App.svelte';
import { loadSnapshot } from './lib/snapshot.svelte.ts';
import { loadCatalogue } from './lib/catalogue.svelte.ts';
import { loadSession } from './lib/session.svelte.ts';

void loadSnapshot();
void loadCatalogue();
void loadSession();
mount(App, { target: document.querySelector('#app')! });
