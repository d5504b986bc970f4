// Snapshot paths of the "cdktf tests on cdktn" jest project: test/cdktf/__snapshots__/cdktn/ (test/snapshot-resolver.js).
'use strict';
module.exports = require('../snapshot-resolver').resolver('cdktn');
