/**
 * Each person's profile (issue 16) in the built portal, against the demo server: Ben, a Buyer of
 * Blue Door Café, opens his own link, types a new name and phone, turns an email off and picks his
 * default delivery address; after a reload it is all kept, and checkout picks his address.
 * Screenshots at 1280 and 390 px; nothing overlaps or spills sideways; axe finds nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { VIEWPORTS, assertAccessible, assertTidy, screenshot } from './person.ts';
import { useE2E } from './setup.ts';

describe('profile of a person in the portal (e2e)', () => {
  const e2e = useE2E();

  /** A link of the demo person with this email (the name changes as the test runs). */
  async function linkOf(email: string): Promise<string> {
    const person = await e2e.db.kysely
      .selectFrom('people')
      .select(['id', 'customer_id'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const res = await e2e.admin('/api/v1/customer-portal/tokens', {
      method: 'POST',
      body: { client_id: person.customer_id, person_id: person.id },
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { token: string }).token;
  }

  /** Follows the navigation's Profile link (through the menu on a narrow screen). */
  async function openProfile(page: Page): Promise<void> {
    const nav = page.getByRole('navigation', { name: 'Account' });
    const menu = nav.getByRole('button', { name: /^Menu / });
    if (await menu.isVisible()) await menu.click();
    await nav.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).waitFor();
  }

  for (const viewport of VIEWPORTS) {
    it(`a Buyer edits the profile by typing; a reload keeps it; checkout picks the address (${viewport.name}, ${viewport.width} px)`, async () => {
      const token = await linkOf('ben@bluedoorcafe.ie');
      const { page, problems } = await e2e.newPage({ width: viewport.width, height: viewport.height });
      await page.goto(`${e2e.url}/examples/index.html#portal_token=${token}`);
      await page.getByRole('button', { name: 'Yes, start ordering' }).click();
      await openProfile(page);

      const name = page.getByRole('textbox', { name: 'Name' });
      await name.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Benedict Walsh');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('+353 87 123 4567');
      const shipped = page.getByRole('checkbox', { name: /^Shipped/ });
      if (await shipped.isChecked()) await shipped.click();
      await page.getByRole('combobox', { name: 'My default delivery address' }).selectOption({
        label: 'Central kitchen — Unit 7, Broomhill Business Park, Tallaght',
      });
      await screenshot(page, `profile-form-${viewport.width}`);
      await assertTidy(page, `profile form at ${viewport.width}`);
      await assertAccessible(page, `profile form at ${viewport.width}`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Your profile is saved.' }).waitFor();
      await screenshot(page, `profile-saved-${viewport.width}`);

      await page.reload();
      await page.getByRole('heading', { name: 'Your profile' }).waitFor();
      await page.getByRole('textbox', { name: 'Name' }).waitFor();
      await page.getByText('Benedict Walsh · Blue Door Café').first().waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), 'Benedict Walsh');
      assert.equal(await page.getByRole('textbox', { name: 'Phone' }).inputValue(), '+353 87 123 4567');
      assert.equal(await page.getByRole('checkbox', { name: /^Shipped/ }).isChecked(), false);
      assert.equal(await page.getByRole('checkbox', { name: /^Order placed/ }).isChecked(), true);
      const address = page.getByRole('combobox', { name: 'My default delivery address' });
      assert.match((await address.locator('option:checked').textContent()) ?? '', /Central kitchen/);

      await page.evaluate(() => {
        location.hash = '#portal';
      });
      const add = page.getByRole('button', { name: /^Add .* to cart$/ }).and(page.locator(':enabled'));
      await add.first().click();
      await page.getByRole('button', { name: 'Cart, 1 item' }).click();
      const picker = page.getByRole('group', { name: 'Deliver to' });
      await picker.waitFor();
      assert.equal(await picker.getByRole('radio', { name: /Central kitchen/ }).isChecked(), true);
      assert.equal(await picker.getByRole('radio', { name: /Main café/ }).isChecked(), false);
      await picker.getByRole('radio', { name: /Central kitchen/ }).scrollIntoViewIfNeeded();
      await screenshot(page, `profile-checkout-${viewport.width}`);
      await assertTidy(page, `checkout at ${viewport.width}`);

      const stored = await e2e.db.kysely
        .selectFrom('people')
        .select(['name', 'phone', 'email_shipped', 'email_order_placed'])
        .where('email', '=', 'ben@bluedoorcafe.ie')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        {
          ...stored,
          email_shipped: Number(stored.email_shipped),
          email_order_placed: Number(stored.email_order_placed),
        },
        { name: 'Benedict Walsh', phone: '+353 87 123 4567', email_shipped: 0, email_order_placed: 1 },
      );
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
