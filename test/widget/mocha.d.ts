// The browser tests run under @web/test-runner's Mocha, whose describe/it/before... are globals.
/// <reference types="mocha" />
