// How this process's database pool treats idle connections, decided by its entry before
// anything opens the database (db.server.ts reads it when it makes the client). The worker
// keeps every connection it opened (`min` = `max`): closed after 10 s idle, as pg's pool does
// by default, a burst of due posts after a quiet minute paid for opening them all at once.
// Web processes keep the default, so that idle ones hold no connections.
export const databasePool = { keepOpen: false };
