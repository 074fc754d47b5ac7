// Opens Swagger UI in headless Chromium and prints one JSON line of what a person would see:
// the operations it rendered, whether the Authorize dialog offers the bearer scheme, and any request that left
// the server (there must be none: installations may have no internet access) or failed.
// Usage: node swagger-ui.mjs <base url> <chromium executable>
import { chromium } from 'playwright-core';

const [base, executablePath] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = { operations: [], foreignRequests: [], failedRequests: [], pageErrors: [], authorize: '' };
try {
  const page = await browser.newPage();
  const origin = new URL(base).origin;
  page.on('request', r => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) result.foreignRequests.push(r.url()); });
  page.on('requestfailed', r => result.failedRequests.push(r.url()));
  page.on('response', r => { if (r.status() >= 400) result.failedRequests.push(r.status() + ' ' + r.url()); });
  page.on('pageerror', e => result.pageErrors.push(String(e)));
  await page.goto(base + '/docs', { waitUntil: 'load', timeout: 30000 });
  await page.waitForSelector('.opblock', { timeout: 30000 });
  result.title = await page.locator('.info .title').first().innerText();
  for (const op of await page.locator('.opblock').all()) {
    const method = (await op.locator('.opblock-summary-method').innerText()).trim();
    const path = (await op.locator('.opblock-summary-path').innerText()).trim().replace(/\u200b/g, '');
    const locked = await op.locator('.authorization__btn').count() > 0;
    result.operations.push({ method, path, locked });
  }
  await page.locator('.auth-wrapper .authorize').click();
  await page.waitForSelector('.dialog-ux .modal-ux', { timeout: 10000 });
  result.authorize = await page.locator('.dialog-ux .modal-ux').innerText();
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
