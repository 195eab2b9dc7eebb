import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setSessionLostListener } from './app/api';
import { App } from './app/App';
import { preloadMatchedPages } from './app/lazyPage';
import { router } from './app/router';
import { markSessionExpired } from './features/auth/session';

setSessionLostListener(() => {
  markSessionExpired();
  if (router.state.location.pathname !== '/login') void router.navigate('/login');
});

preloadMatchedPages(router.state.matches);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
