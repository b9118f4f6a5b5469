export const APP_VERSION = 'till-web/1.1.0';
