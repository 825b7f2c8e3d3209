// The wholesale partner portal (issue 13): a rep's application for a business is approved by an
// admin in the browser; the partner's user orders from the catalogue at its tier's price (the
// cart in the browser and the server's order agree to the cent); the back office confirms the
// order in its pipeline and the partner sees it move; the partner finds the order's invoice,
// finance records its payment, the office books its shipment and the partner tracks it, and the
// rep's commission page shows its partner-order line.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ADMIN, api, artifacts, launchBrowser, signIn, startServer, token } from "./harness.mjs";

let server, browser;
const desktop = { viewport: { width: 1440, height: 900 } };
const REP = "priya.natarajan@demo.closebook.local";
const FINANCE = "grace.whitfield@demo.closebook.local";
const PARTNER = { email: "buyer@journey-foods.example", password: "journey-partner-1" };

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test("an application is approved, its partner orders at its tier's price, the office confirms it", async () => {
  const rep = await token(server.base, REP, "closebook-demo");
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  const applied = await api(server.base, rep, "POST", "/partners", {
    business_name: "Journey Foods", business_type: "grocery", contact_name: "Jo Buyer",
    email: "jo@journey-foods.example", phone: "+1 312 555 0142",
    address: { line1: "400 N State St", city: "Chicago", region: "IL", postal_code: "60654", country: "US" },
  });
  assert.equal(applied.status, "pending");

  // The admin approves it on the partners page: growth tier, 5,000 of credit, NET 30.
  const office = await (await browser.newContext(desktop)).newPage();
  await signIn(office, server.base, ADMIN.email, ADMIN.password);
  await office.getByRole("heading", { name: /Welcome/ }).waitFor();
  await office.goto(`${server.base}/admin/partners`);
  const card = office.locator(".partner-card", { hasText: "Journey Foods" });
  await card.getByRole("button", { name: "Approve" }).click();
  const dialog = office.getByRole("dialog");
  await dialog.getByLabel("Tier").selectOption("growth");
  await dialog.getByLabel("Credit limit").fill("5000.00");
  await dialog.getByLabel("Payment terms").selectOption("net30");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await office.getByText("Approved Journey Foods").waitFor();
  const approved = await api(server.base, admin, "GET", `/partners/${applied.id}`);
  assert.equal(approved.status, "active");
  assert.equal(approved.discount_percent, 35);
  await api(server.base, admin, "POST", `/partners/${applied.id}/users`,
    { email: PARTNER.email, name: "Jo Buyer", password: "journey-initial-1" });
  // The initial password is changed at first sign-in (the profile journeys cover that page).
  await api(server.base, await token(server.base, PARTNER.email, "journey-initial-1"), "POST", "/me/password",
    { current_password: "journey-initial-1", new_password: PARTNER.password });

  // The partner's user lands in its portal and sees its tier.
  const partner = await (await browser.newContext(desktop)).newPage();
  await signIn(partner, server.base, PARTNER.email, PARTNER.password);
  const account = partner.getByTestId("partner-account");
  await account.waitFor();
  assert.match(await account.textContent(), /Growth.*35% off MSRP/);

  // Pricing: 100 Green Detox ask for 108 (nine cases of 12) at the growth price.
  await partner.getByRole("link", { name: "Pricing" }).first().click();
  const detox = partner.getByTestId("product").filter({ hasText: "Green Detox Smoothie" });
  await detox.waitFor();
  // Its picture (the demo's, drawn by the seed) is served from the media store and shown.
  const picture = detox.locator("img.product-picture");
  await picture.scrollIntoViewIfNeeded(); // it loads lazily, when in view
  await partner.waitForFunction((img) => img.complete && img.naturalWidth > 0, await picture.elementHandle());
  assert.equal(await picture.evaluate((img) => img.naturalWidth), 320);
  await detox.getByLabel("Units of SM-GRDETOX").fill("100");
  await detox.getByRole("button", { name: "Add to cart" }).click();
  const subtotal = partner.getByTestId("cart-subtotal");
  await subtotal.waitFor();
  const partnerToken = await token(server.base, PARTNER.email, PARTNER.password);
  const quote = await api(server.base, partnerToken, "POST", "/orders/quote",
    { items: [{ product_id: (await detoxId(partnerToken)), quantity: 100 }] });
  assert.equal(quote.cart.lines[0].quantity, 108);
  assert.equal(quote.cart.subtotal.amount, "349.92"); // 108 × 3.24 (4.99 less 35%)
  assert.equal(await subtotal.textContent(), "$349.92");
  await partner.getByLabel("PO number").fill("PO-JOURNEY-1");
  await partner.getByTestId("place-order").click();
  await partner.getByTestId("order-lines").waitFor();
  assert.equal(await partner.getByTestId("order-status").textContent(), "Pending");
  assert.equal(await partner.getByTestId("order-subtotal").textContent(), "$349.92");
  const orderUrl = partner.url();
  const orderId = orderUrl.split("/").pop();
  await partner.screenshot({ path: join(artifacts, "partner-order.png"), fullPage: true });

  // The office confirms it from the pipeline; its stock is reserved.
  const before = (await api(server.base, admin, "GET", `/products/${await detoxId(admin)}`)).stock;
  await office.goto(`${server.base}/wholesale/orders`);
  const row = office.getByTestId("order-pipeline").locator("tr", { hasText: "Journey Foods" });
  await row.getByRole("link").click();
  await office.getByTestId("advance").click();
  await office.getByText(/is confirmed$/).waitFor();
  // The page reloads the order after the toast: wait for its status to change.
  await office.locator('[data-testid="order-status"]', { hasText: "Confirmed" }).waitFor();
  const afterStock = (await api(server.base, admin, "GET", `/products/${await detoxId(admin)}`)).stock;
  assert.equal(before - afterStock, 108);

  // The office adds a second picture of it on the catalogue page (any PNG: a screenshot's).
  await office.goto(`${server.base}/wholesale/catalogue`);
  const product = office.getByTestId("catalogue").locator("tr", { hasText: "Green Detox Smoothie" });
  await product.getByRole("button", { name: "Pictures" }).click();
  const pictures = office.getByTestId("pictures");
  await pictures.locator("li").first().waitFor();
  const shot = await office.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
  await pictures.getByTestId("picture-file").setInputFiles({ name: "detox.png", mimeType: "image/png", buffer: shot });
  await office.getByText("Picture added").waitFor();
  await pictures.getByText("64×48").waitFor();
  const images = (await api(server.base, admin, "GET", `/products/${await detoxId(admin)}`)).images;
  assert.deepEqual(images.map((i) => [i.position, i.width, i.height]), [[0, 320, 320], [1, 64, 48]]);

  // The partner sees it confirmed, with its history.
  await partner.goto(`${server.base}/partner/orders/${orderId}`);
  await partner.getByTestId("order-history").getByText("Confirmed").waitFor();
  assert.equal(await partner.getByTestId("order-status").textContent(), "Confirmed");

  // Its bell says so: one unread notification, which links back to the order.
  assert.equal(await partner.getByTestId("unread").textContent(), "1");
  await partner.getByRole("link", { name: "Notifications" }).click();
  const note = partner.getByTestId("notification").filter({ hasText: "is confirmed" });
  await note.waitFor();
  assert.match(await note.textContent(), /PO PO-JOURNEY-1: 108 units/);
  await partner.getByRole("button", { name: "Mark all read" }).click();
  await partner.locator('[data-testid="notification"].unread').first().waitFor({ state: "detached" });
  await partner.goto(`${server.base}/partner/orders/${orderId}`);

  // The order's invoice: on the order page, and open on the partner's invoices page.
  const invoiceLine = await partner.getByTestId("order-invoice").textContent();
  const number = invoiceLine.match(/INV-[0-9]+/)[0];
  await partner.getByRole("link", { name: "Invoices" }).first().click();
  const mine = partner.getByTestId("invoice-row").filter({ hasText: number });
  await mine.waitFor();
  assert.equal(await mine.getByTestId("invoice-status").textContent(), "Open");
  assert.match(await mine.textContent(), /\$349\.92/);

  // Finance records its payment from the partner invoices page.
  const desk = await (await browser.newContext(desktop)).newPage();
  await signIn(desk, server.base, FINANCE, "closebook-demo");
  await desk.getByRole("heading", { name: "Approvals" }).waitFor();
  await desk.getByRole("link", { name: "Partner invoices" }).first().click();
  await desk.getByRole("group", { name: "Status" }).getByRole("button", { name: "Open" }).click();
  const open = desk.getByTestId("invoice-row").filter({ hasText: number });
  await open.getByRole("button", { name: "Record payment" }).click();
  const pay = desk.getByRole("dialog");
  await pay.getByLabel(/Reference/).fill("Transfer 5512");
  await pay.getByRole("button", { name: "Paid today" }).click();
  await desk.getByText(`${number} is paid`).waitFor();
  await desk.screenshot({ path: join(artifacts, "partner-invoices.png"), fullPage: true });

  // The partner sees it paid.
  await partner.reload();
  await partner.getByTestId("invoice-row").filter({ hasText: number })
    .locator('[data-testid="invoice-status"]', { hasText: "Paid" }).waitFor();

  // The office books its shipment from the order page; the carrier's scans move it; the partner
  // tracks it, with its temperature log.
  await office.goto(`${server.base}/wholesale/orders/${orderId}`);
  await office.getByRole("button", { name: "Book shipment" }).click();
  const book = office.getByRole("dialog");
  await book.getByLabel("Carrier").selectOption("fedex");
  await book.getByLabel("Tracking number").fill("7712 0000 4242");
  await book.getByRole("button", { name: "Book shipment" }).click();
  await office.getByText("Booked FedEx 7712 0000 4242").waitFor();
  const shipment = (await api(server.base, admin, "GET", `/shipments?order_id=${orderId}`)).items[0];
  await api(server.base, admin, "POST", `/shipments/${shipment.id}/events`, { status: "picked_up", location: "Chicago, IL" });
  await api(server.base, admin, "POST", `/shipments/${shipment.id}/events`, { status: "in_transit", location: "Gary, IN" });
  await api(server.base, admin, "POST", `/shipments/${shipment.id}/temperatures`, { readings: [
    { at: new Date(Date.now() - 60_000).toISOString(), temperature: "-11.0" },
    { at: new Date().toISOString(), temperature: "-2.5" },
  ] });
  await partner.getByRole("link", { name: "Track orders" }).first().click();
  const tracked = partner.getByTestId("shipment").filter({ hasText: "7712 0000 4242" });
  await tracked.waitFor();
  assert.equal(await tracked.getByTestId("shipment-status").textContent(), "In transit");
  assert.match(await tracked.textContent(), /Now: Gary, IN/);
  assert.match(await tracked.getByTestId("temperature-summary").textContent(), /2 readings, 1 excursion/);
  await partner.screenshot({ path: join(artifacts, "partner-tracking.png"), fullPage: true });

  // Its resources: the marketing hub has what its growth tier reaches (not the enterprise-only
  // catalogue), a download is counted; financing explains its NET 30 terms with its numbers.
  await partner.getByRole("link", { name: "Marketing hub" }).first().click();
  const poster = partner.getByTestId("asset").filter({ hasText: "Summer smoothie poster" });
  await poster.waitFor();
  assert.equal(await partner.getByTestId("asset").filter({ hasText: "Co-branded catalogue" }).count(), 0);
  assert.match(await poster.textContent(), /Downloaded 42 times/);
  await poster.getByRole("button", { name: "Download" }).click();
  await poster.getByText("Downloaded 43 times").waitFor();
  await partner.getByRole("link", { name: "Financing" }).first().click();
  await partner.getByTestId("financing").waitFor();
  assert.match(await partner.locator(".page").textContent(), /due 30 days later/);
  await partner.screenshot({ path: join(artifacts, "partner-financing.png"), fullPage: true });

  // Analytics: its one order this month, 108 units for 349.92, worth 538.92 at MSRP (108 × 4.99):
  // a margin of 189.00, 35.1% of retail.
  await partner.getByRole("link", { name: "Analytics" }).first().click();
  const totals = partner.getByTestId("analytics-totals");
  await totals.waitFor();
  assert.match(await totals.textContent(), /\$349\.92.*1 order · 108 units.*\$538\.92.*\$189\.00.*35\.1% of retail/s);
  assert.match(await partner.getByTestId("analytics-products").textContent(), /Green Detox Smoothie.*SM-GRDETOX.*108.*\$349\.92.*100\.0%/s);
  await partner.screenshot({ path: join(artifacts, "partner-analytics.png"), fullPage: true });

  // Support: its rep is who to call; it opens a ticket, the office resolves it on its desk, the
  // partner reads the answer.
  await partner.getByRole("link", { name: "Support" }).first().click();
  await partner.getByTestId("contacts").getByText(REP).waitFor();
  await partner.getByRole("button", { name: "New ticket" }).click();
  const ask = partner.getByRole("dialog");
  await ask.getByLabel("About").selectOption("delivery");
  await ask.getByLabel("Subject").fill("Dock hours");
  await ask.getByLabel("What happened").fill("Please deliver before 10am: our dock closes then.");
  await ask.getByRole("button", { name: "Open ticket" }).click();
  await partner.getByText(/Ticket SUP-[0-9]+ opened/).waitFor();
  const ticket = partner.getByTestId("ticket").filter({ hasText: "Dock hours" });
  assert.equal(await ticket.getByTestId("ticket-status").textContent(), "Open");
  await office.goto(`${server.base}/wholesale/support`);
  const onDesk = office.getByTestId("ticket").filter({ hasText: "Dock hours" });
  await onDesk.getByRole("button", { name: "Resolve" }).click();
  const answer = office.getByRole("dialog");
  await answer.getByLabel("What was done").fill("Noted on the account: morning deliveries only.");
  await answer.getByRole("button", { name: "Resolve" }).click();
  await office.getByText(/SUP-[0-9]+ is resolved/).waitFor();
  await partner.reload();
  await partner.getByRole("button", { name: "All" }).click();
  const answered = partner.getByTestId("ticket").filter({ hasText: "Dock hours" });
  await answered.getByTestId("ticket-resolution").getByText("morning deliveries only").waitFor();
  assert.equal(await answered.getByTestId("ticket-status").textContent(), "Resolved");
  await partner.screenshot({ path: join(artifacts, "partner-support.png"), fullPage: true });

  // Account: its business, and a saved warehouse address — the first, so the default, where
  // the cart's next order goes unless it picks another.
  await partner.getByRole("link", { name: "Account" }).first().click();
  await partner.getByTestId("business").getByText("Journey Foods").waitFor();
  await partner.getByRole("button", { name: "Add address" }).click();
  const where = partner.getByRole("dialog");
  await where.getByLabel("Label").fill("Warehouse");
  await where.getByLabel("Recipient").fill("Receiving");
  await where.getByLabel("Street").fill("1200 W Fulton Market");
  await where.getByLabel("City").fill("Chicago");
  await where.getByLabel("State or region").fill("IL");
  await where.getByLabel("Postal code").fill("60607");
  await where.getByLabel("Dock instructions").fill("Bay 3, ring twice");
  await where.getByRole("button", { name: "Save address" }).click();
  await partner.getByText("Saved Warehouse").waitFor();
  const saved = partner.getByTestId("address").filter({ hasText: "Warehouse" });
  await saved.getByText("Default").waitFor();
  assert.match(await saved.textContent(), /Bay 3, ring twice/);
  await partner.getByRole("link", { name: "Pricing" }).first().click();
  await partner.getByLabel("Ship to").locator("option", { hasText: "Default: Warehouse" }).waitFor({ state: "attached" });

  // The rep earned 5% of the paid subtotal (349.92 → 17.50) and sees it on its commission page.
  const repToken = await token(server.base, REP, "closebook-demo");
  const lines = await api(server.base, repToken, "GET", "/commissions?rep=me&line_type=partner_order&limit=200");
  const line = lines.items.find((l) => l.source_id === orderId);
  assert.equal(line.amount.amount, "17.50");
  assert.equal(line.status, "earned");
  const repPage = await (await browser.newContext(desktop)).newPage();
  await signIn(repPage, server.base, REP, "closebook-demo");
  await repPage.getByRole("heading", { name: /Welcome/ }).waitFor();
  await repPage.goto(`${server.base}/commissions`);
  await repPage.locator(".by-type li", { hasText: "Partner order" }).waitFor();
});

async function detoxId(bearer) {
  const page = await api(server.base, bearer, "GET", "/products?q=SM-GRDETOX");
  return page.items[0].id;
}
