/** Live worklist events: the WebSocket endpoint and the bridge from task events to the hub. */
export { realtimeRoutes, type RealtimeRouteOptions, type TaskNotification } from './routes';
export {
  publishTaskEvent,
  taskNotification,
  unwireTaskEvents,
  wireTaskEvents,
  type TaskEvent,
} from './events';
