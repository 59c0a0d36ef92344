#!/usr/bin/env node
// Cuts a schema release: writes every current schema into src/released/v1.json, the snapshot
// the compatibility test holds later changes to. Run after `nx build contracts`, only when a
// contract version ships: node libs/contracts/scripts/release-schemas.js
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { snapshotSchemas } = require('../dist/compatibility');

const file = join(__dirname, '..', 'src', 'released', 'v1.json');
const released = require(file);
const snapshot = { ...snapshotSchemas(), ...released };
writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
console.log(`released ${Object.keys(snapshot).length} schemas to ${file}`);
