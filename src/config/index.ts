export * from './app-config';
export { ConfigError } from './env-reader';
