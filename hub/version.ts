import pkg from '../package.json' with { type: 'json' };

export const HUBBUB_VERSION: string = pkg.version;
