// Jest global setup: regenerate lib/cdktn from lib/cdktf (scripts/generate-cdktn.js) before the test files
// that import cors-constructs/cdktn are resolved.
'use strict';
const { generate } = require('./generate-cdktn');

module.exports = () => {
  generate();
};
