/**
 * Puppeteer (pulled in by @mermaid-js/mermaid-cli for the OVERVIEW.md diagram check) must not download a browser on
 * `npm ci`: these machines reach only package registries. The diagram check uses Debian's chromium instead
 * (test/review/mermaid-render.test.ts). Read by puppeteer's install script and at run time.
 */
module.exports = { skipDownload: true };
