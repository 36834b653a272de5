export { configSchema, type Config, type ConfigInput } from './schema.js';
export { loadConfig, ConfigError, envVarFor, knownEnvVars, ENV_PREFIX, CONFIG_FILE_VAR } from './load.js';
export { redactConfig, REDACTED } from './redact.js';
export { default as localPorts } from './ports.json' with { type: 'json' };
