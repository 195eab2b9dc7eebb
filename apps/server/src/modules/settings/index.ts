export { getSecuritySettings, putSecuritySettings, DEFAULT_SECURITY } from './service';
export { settingsRoutes } from './routes';
