export const APP_VERSION = 'till-web/1.0.0';
