import { createApp } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { useDeputyStore } from './stores/deputies';
import { useElderStore } from './stores/elder';
import { preloadToast } from './utils/toast';
import './styles/app.css';

const pinia = createPinia();
setActivePinia(pinia);

// A deputy's QR code opens /citizen/d/<code>: ask for the deputy now, while the page's own
// code is still loading, instead of after it.
const landing = /^\/citizen\/d\/([^/?#]+)\/?$/.exec(window.location.pathname);
if (landing?.[1])
  useDeputyStore(pinia)
    .load(decodeURIComponent(landing[1]))
    .catch(() => {});

const app = createApp(App).use(pinia).use(router);
void useElderStore(pinia).followHost();
app.mount('#app');
preloadToast();
