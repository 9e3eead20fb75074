// Import boundaries of this repository; the rules live in packages/lint-config (see its README section in the root README).
module.exports = require('./packages/lint-config/dependency-cruiser.cjs').boundaries(__dirname);
