import { mount } from 'svelte';
// The shared section stylesheets come first, in this order, before any area's own stylesheet
// (imported by its pages): an area rule that refines a shared one must come after it.
import './styles/sections.css';
import './styles/sections-b.css';
import App from './App.svelte';
import { trackDirtyForms } from './lib/form-dirty';
import './styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
trackDirtyForms();
mount(App, { target });
