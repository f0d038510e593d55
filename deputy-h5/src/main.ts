import { createApp } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import App from './App.vue';
import { api } from './api';
import { provideCockpitClient } from './features/cockpit/cockpitClient';
import { router } from './router';
import './styles/app.css';

const pinia = createPinia();
setActivePinia(pinia);
// The cockpit pages use the staff app's client (token, toasts) when opened from here.
provideCockpitClient(api);

createApp(App).use(pinia).use(router).mount('#app');
