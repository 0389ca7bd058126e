import { mount } from 'svelte';
import App from './App.svelte';
import { trackDirtyForms } from './lib/form-dirty';
import './styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
trackDirtyForms();
mount(App, { target });
