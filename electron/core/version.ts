import pkg from '../../package.json' with { type: 'json' };

/** The application version, from package.json (bundled into every host). */
export const APP_VERSION: string = pkg.version;
