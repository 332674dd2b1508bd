// The official oso-cloud Node client (2.6.0) against `oso serve`.
// Needs OSO_URL (e.g. http://127.0.0.1:18080) and OSO_AUTH; compat/run.sh sets both.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Oso, typedVar } = require("oso-cloud");

const url = process.env.OSO_URL;
const key = process.env.OSO_AUTH;
if (!url || !key) {
  throw new Error("set OSO_URL and OSO_AUTH (compat/run.sh does)");
}

const oso = new Oso(url, key);
const policy = readFileSync(new URL("./gitclub.polar", import.meta.url), "utf8");

const ada = { type: "User", id: "ada" };
const bob = { type: "User", id: "bob" };
const acme = { type: "Organization", id: "acme" };
const anvil = { type: "Repository", id: "anvil" };
const gear = { type: "Repository", id: "gear" };

async function seed() {
  await oso.batch((tx) => {
    tx.insert(["has_role", ada, "owner", acme]);
    tx.insert(["has_role", bob, "member", acme]);
    tx.insert(["has_relation", anvil, "organization", acme]);
    tx.insert(["has_relation", gear, "organization", acme]);
  });
}

beforeEach(async () => {
  await oso.api.clearData();
  await oso.policy(policy);
});

test("policy upload and metadata", async () => {
  await oso.policy(policy); // unchanged: the server answers 202, still a success
  const metadata = await oso.getPolicyMetadata();
  assert.deepEqual(metadata.resources.Repository.roles, ["reader", "maintainer"]);
  assert.deepEqual(metadata.resources.Repository.permissions, ["read", "push", "delete"]);
  assert.equal(metadata.resources.Repository.relations.organization, "Organization");
});

test("insert and authorize", async () => {
  await oso.insert(["has_role", ada, "owner", acme]);
  await oso.insert(["has_relation", anvil, "organization", acme]);
  assert.equal(await oso.authorize(ada, "push", anvil), true);
  assert.equal(await oso.authorize(bob, "read", anvil), false);
});

test("authorize with context facts", async () => {
  assert.equal(await oso.authorize(bob, "read", anvil, [["is_public", anvil]]), true);
  assert.equal(await oso.authorize(bob, "read", anvil), false);
});

test("batch applies changesets in order", async () => {
  await oso.batch((tx) => {
    tx.insert(["is_public", anvil]);
    tx.delete(["is_public", anvil]);
    tx.insert(["is_public", gear]);
  });
  assert.deepEqual(await oso.get(["is_public", null]), [["is_public", gear]]);
});

test("list and listPaginated", async () => {
  await seed();
  await oso.insert(["has_relation", { type: "Repository", id: "hub" }, "organization", acme]);
  assert.deepEqual((await oso.list(bob, "read", "Repository")).sort(), ["anvil", "gear", "hub"]);
  assert.deepEqual(await oso.list(bob, "push", "Repository"), []);
  const seen = [];
  let token = undefined;
  let pages = 0;
  do {
    const page = await oso.listPaginated(bob, "read", "Repository", 2, token);
    assert.ok(page.results.length <= 2);
    seen.push(...page.results);
    token = page.nextPageToken ?? undefined;
    pages++;
  } while (token);
  assert.deepEqual(seen.sort(), ["anvil", "gear", "hub"]);
  assert.ok(pages >= 2);
});

test("actions", async () => {
  await seed();
  assert.deepEqual((await oso.actions(ada, anvil)).sort(), ["delete", "push", "read"]);
  assert.deepEqual(await oso.actions(bob, anvil), ["read"]);
});

test("get with wildcards", async () => {
  await seed();
  const roles = await oso.get(["has_role", null, null, null]);
  assert.equal(roles.length, 2);
  const adaRoles = await oso.get(["has_role", ada, null, null]);
  assert.deepEqual(adaRoles, [["has_role", ada, { type: "String", id: "owner" }, acme]]);
  const repoRelations = await oso.get(["has_relation", { type: "Repository" }, null, acme]);
  assert.equal(repoRelations.length, 2);
});

test("delete with wildcards", async () => {
  await seed();
  await oso.delete(["has_relation", { type: "Repository" }, null, null]);
  await oso.delete(["has_role", bob, null, null]);
  assert.deepEqual(await oso.get(["has_relation", null, null, null]), []);
  assert.deepEqual(await oso.get(["has_role", null, null, null]), [
    ["has_role", ada, { type: "String", id: "owner" }, acme],
  ]);
  assert.equal(await oso.authorize(ada, "push", anvil), false);
});

test("query builder evaluate shapes", async () => {
  await seed();
  const repo = typedVar("Repository");
  const action = typedVar("String");
  assert.equal(await oso.buildQuery(["allow", ada, "push", anvil]).evaluate(), true);
  assert.equal(await oso.buildQuery(["allow", bob, "push", anvil]).evaluate(), false);
  const readable = await oso.buildQuery(["allow", bob, "read", repo]).evaluate(repo);
  assert.deepEqual([...readable].sort(), ["anvil", "gear"]);
  const pairs = await oso.buildQuery(["allow", ada, action, repo]).in(repo, ["anvil"]).evaluate([repo, action]);
  assert.deepEqual(pairs.map((p) => p.join(":")).sort(), ["anvil:delete", "anvil:push", "anvil:read"]);
  const byRepo = await oso
    .buildQuery(["allow", bob, action, repo])
    .and(["has_relation", repo, "organization", acme])
    .evaluate(new Map([[repo, action]]));
  assert.ok(byRepo instanceof Map);
  assert.deepEqual(Object.fromEntries(byRepo), { anvil: ["read"], gear: ["read"] });
});

test("errors: invalid fact, bad policy, failing policy tests, wrong key", async () => {
  await assert.rejects(oso.insert(["has_role", ada, acme]), (e) => e.statusCode === 400);
  await assert.rejects(oso.policy("resource Broken {"), (e) => e.statusCode === 400);
  const failing = readFileSync(new URL("./failing-test.polar", import.meta.url), "utf8");
  await assert.rejects(oso.policy(failing), (e) => e.statusCode === 400);
  const metadata = await oso.getPolicyMetadata();
  assert.ok(metadata.resources.Repository, "the previous policy stays in force");
  const stranger = new Oso(url, "e_not_the_key");
  await assert.rejects(stranger.authorize(ada, "read", anvil), (e) => e.statusCode === 401);
});

test("local authorization returns SQL over the bound table", async () => {
  await seed();
  const local = new Oso(url, key, {
    dataBindings: new URL("./bindings.yaml", import.meta.url).pathname,
  });
  const filter = await local.listLocal(bob, "read", "Repository", "repositories.id");
  assert.match(filter, /repositories\.id/);
  assert.match(filter, /SELECT id FROM repositories WHERE is_public/);
  const check = await local.authorizeLocal(ada, "push", anvil);
  assert.match(check, /select/i);
  const actions = await local.actionsLocal(ada, anvil);
  assert.match(actions, /actions/);
  const repo = typedVar("Repository");
  const select = await local.buildQuery(["allow", bob, "read", repo]).evaluateLocalSelect({ id: repo });
  assert.match(select, /select/i);
  const where = await local.buildQuery(["allow", bob, "read", repo]).evaluateLocalFilter("repositories.id", repo);
  assert.match(where, /repositories\.id/);
});
