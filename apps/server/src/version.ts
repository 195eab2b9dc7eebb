/** Product version, reported by health and OpenAPI. */
export const VERSION = '0.1.0';
