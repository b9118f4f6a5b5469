export const APP_VERSION = 'till-web/1.2.0';
