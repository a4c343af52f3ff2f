#!/usr/bin/env node
// The `conveyor` CLI; the code lives in dist/cli (run `npm run build` in a checkout).
import '../dist/cli/main.js';
