// The floor of bench/renderer: an empty Svelte 5 page that only mounts the balance's sentence.
import { mount } from 'svelte';
import Floor from './Floor.svelte';

mount(Floor, { target: document.getElementById('app')! });
