/**
 * The Lua VM reproduces Argo CD's own health test vectors (argoproj/argo-cd@v3.5.1 `resource_customizations/**\/
 * health_test.yaml`, run there by util/lua/health_test.go:36-66): every vector of every script in
 * ../shared/argocd/resource_customizations is one test. Skipped with a note when ../shared is absent; CI has it.
 */
import { join } from 'node:path';
import { ArgoCdLuaVm, HealthScripts, HealthTestVector, loadBuiltInHealthScripts, loadHealthTestVectors, luaLiteral } from '../../src/validation/argocd-health';
import { sharedFolder } from '../helpers/shared';

const ARGOCD = sharedFolder('argocd', "the Argo CD health test vectors");
const CUSTOMIZATIONS = ARGOCD && join(ARGOCD, 'resource_customizations');
const vectors: HealthTestVector[] = CUSTOMIZATIONS ? loadHealthTestVectors(CUSTOMIZATIONS) : [];

let vm: ArgoCdLuaVm;
beforeAll(async () => {
  vm = await ArgoCdLuaVm.create();
});
afterAll(() => vm.close());

(CUSTOMIZATIONS ? describe : describe.skip)("Argo CD's own health_test.yaml vectors", () => {
  test('every script folder has vectors, and there are some', () => {
    const scripts = loadBuiltInHealthScripts(CUSTOMIZATIONS as string);
    expect(scripts.size).toBeGreaterThan(0);
    expect(new Set(vectors.map((v) => v.key))).toEqual(new Set(scripts.keys()));
  });

  test.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(vm.evaluate(v.script, v.object)).toEqual(v.expected);
  });

  test('hundreds of evaluations take seconds at most (one engine, reused)', () => {
    const started = Date.now();
    for (let i = 0; i < 5; i++) for (const v of vectors) vm.evaluate(v.script, v.object);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('an override replaces the built-in script of its kind; a wildcard override matches by glob', () => {
    const builtIn = loadBuiltInHealthScripts(CUSTOMIZATIONS as string);
    const cert = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate' };
    const scripts = new HealthScripts(builtIn);
    expect(scripts.scriptFor(cert)?.source).toContain('Certificate');
    const override = { key: 'cert-manager.io/Certificate', lua: 'return { status = "Healthy" }', useOpenLibs: false, source: 'override' };
    expect(scripts.withOverrides([override]).scriptFor(cert)).toBe(override);
    const wildcard = { key: 'cert-manager.io/*', lua: 'return nil', useOpenLibs: false, source: 'override' };
    expect(scripts.withOverrides([wildcard]).scriptFor(cert)).toBe(wildcard);
    expect(scripts.scriptFor({ apiVersion: 'v1', kind: 'Namespace' })).toBeUndefined();
  });
});

describe('the VM behaves as Argo CD\'s gopher-lua VM (util/lua/lua.go)', () => {
  const custom = (lua: string): { lua: string; useOpenLibs: boolean } => ({ lua, useOpenLibs: false });

  test('obj is the object; integral numbers print without a decimal point', () => {
    expect(vm.evaluate(custom('return { status = "Healthy", message = obj.kind .. " " .. obj.spec.n .. " " .. obj.spec.f }'), { kind: 'X', spec: { n: 5, f: 0.5 } })).toEqual({ status: 'Healthy', message: 'X 5 0.5' });
  });

  test('JSON null becomes nil; arrays are sequences', () => {
    expect(vm.evaluate(custom('return { status = "Healthy", message = tostring(obj.a == nil) .. #obj.list }'), { a: null, list: ['x', null, 'y'] })).toEqual({ status: 'Healthy', message: 'true2' });
  });

  test('custom scripts get base, table and a safe os, but no string, math or io library, and no string methods', () => {
    expect(vm.evaluate(custom('local t = {} table.insert(t, "a") return { status = "Healthy", message = table.concat(t) .. type(os.time()) .. tostring(os.exit) }'), {})).toEqual({ status: 'Healthy', message: 'anumbernil' });
    for (const lua of ['return { status = string.upper("x") }', 'return { status = ("x"):upper() }', 'return { status = tostring(math.floor(1)) }', 'return { status = tostring(io) .. io.write("x") }']) {
      expect(() => vm.evaluate(custom(lua), {})).toThrow(/attempt to (index|call|concatenate) a (nil|string) value/);
    }
  });

  test('built-in scripts have the standard libraries, with the safe os', () => {
    expect(vm.evaluate({ lua: 'return { status = "Healthy", message = string.upper("x") .. ("y"):upper() .. tostring(os.exit) }', useOpenLibs: true }, {})).toEqual({ status: 'Healthy', message: 'XYnil' });
  });

  test('return values: nil and empty tables give no health; invalid status is Unknown; other types are errors', () => {
    expect(vm.evaluate(custom('return nil'), {})).toEqual({ status: '', message: '' });
    expect(vm.evaluate(custom('return {}'), {})).toEqual({ status: '', message: '' });
    expect(vm.evaluate(custom('return { status = "Fine", message = "x" }'), {})).toEqual({ status: 'Unknown', message: 'Lua returned an invalid health status' });
    expect(() => vm.evaluate(custom('return "Healthy"'), {})).toThrow('expect table output from Lua script, not string');
    expect(() => vm.evaluate(custom('return { status = "Healthy", message = 3 }'), {})).toThrow(/cannot unmarshal number/);
  });

  test('errors and runaway scripts fail instead of hanging', () => {
    expect(() => vm.evaluate(custom('return obj.status.phase'), {})).toThrow(/attempt to index a nil value/);
    expect(() => vm.evaluate(custom('while true do end'), {})).toThrow(/budget/);
    // The VM is still usable afterwards, with its string metatable restored.
    expect(vm.evaluate({ lua: 'return { status = ("healthy"):gsub("^h", "H") }', useOpenLibs: true }, {})).toEqual({ status: 'Healthy', message: '' });
  });

  test('strings with quotes, backslashes and control characters reach Lua unchanged', () => {
    const s = 'a"b\\c\nd\te\u0001é';
    expect(luaLiteral({ s })).toBe('{["s"]="a\\"b\\\\c\\010d\\009e\\001é"}');
    expect(vm.evaluate(custom('return { status = "Healthy", message = obj.s }'), { s })).toEqual({ status: 'Healthy', message: s });
  });
});
