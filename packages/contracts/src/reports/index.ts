/** Structured CXR reports: vocabulary, programme forms as data, validation, consultation rules. */
export * from './vocabulary';
export * from './content';
export * from './forms';
export * from './validate';
export * from './consultation';
export * from './cadDiscordance';
export * from './view';
