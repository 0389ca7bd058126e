/** The staff console's entry: styles, the shell, French until the staff member picks English. */
import { mount } from 'svelte';
import './styles.css';
import App from './App.svelte';
import { i18n } from './lib/i18n.svelte';

document.documentElement.lang = i18n.locale;
mount(App, { target: document.getElementById('app')! });
