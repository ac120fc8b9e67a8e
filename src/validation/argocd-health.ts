/**
 * Argo CD's resource health, evaluated as Argo CD evaluates it: Lua health scripts run against the live object in a
 * Lua VM (wasmoon, Lua 5.4 compiled to WebAssembly) set up to match Argo CD's gopher-lua VM (Lua 5.1):
 *
 * - the object is the global `obj`, decoded from its JSON form: maps become tables, arrays become sequences (a JSON
 *   null element is dropped, as gopher-lua's `LTable.Append(LNil)` does), numbers are numbers, strings strings
 *   (argoproj/argo-cd@v3.5.1:util/lua/lua.go:114-115 and decodeValue, lua.go:601-634). Integral numbers are pushed as
 *   Lua integers so that `"n=" .. 5` reads `n=5` as in gopher-lua (whose numbers are float64 printed without `.0`).
 * - libraries: built-in scripts run with the standard libraries open (`GetHealthScript` returns useOpenLibs=true for
 *   them, lua.go:203-204); custom scripts from `resource.customizations.health.*` only with `package`, base, `table`
 *   and a "safe" `os` holding `time` and `date` (lua.go:76-100, util/lua/oslib_safe.go:28-31) unless
 *   `resource.customizations.useOpenLibs.<group_kind>` is true. Without the string library gopher-lua has no string
 *   methods either (`s:find` fails), so this VM removes the string metatable while such a script runs.
 * - the result: a table is encoded to JSON and read as `{status, message}`; an empty table (or a pure sequence) gives
 *   an empty health status, `nil` too; a status outside Healthy, Progressing, Degraded, Suspended, Missing, Unknown
 *   becomes Unknown with "Lua returned an invalid health status"; any other return type is an error
 *   (ExecuteHealthLua, lua.go:132-165).
 * - a script runs at most one second (lua.go:102-104); here: a budget of instructions.
 * - which script: an override for `<group>/<Kind>` (configured as `<group>_<Kind>`), then a wildcard override, then the
 *   built-in script of that group and kind (GetHealthScript, lua.go:169-205).
 *
 * One engine is created and reused; each evaluation gets a fresh global environment. Hundreds of evaluations take well
 * under a second.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { LuaEngine, LuaFactory as LuaFactoryType } from 'wasmoon';

/**
 * wasmoon through Node's own loader: its Emscripten glue uses a dynamic `import('module')`, which Jest's module
 * sandbox refuses without --experimental-vm-modules (Jest replaces `require` and `node:module` inside tests, but not
 * `process.getBuiltinModule`, Node >= 20.16).
 */
function luaFactory(): LuaFactoryType {
  const nodeModule = (process as unknown as { getBuiltinModule(name: string): typeof import('node:module') }).getBuiltinModule('node:module');
  const { LuaFactory } = nodeModule.createRequire(__filename)('wasmoon') as { LuaFactory: new () => LuaFactoryType };
  return new LuaFactory();
}

/** Health states Argo CD accepts from a script (isValidHealthStatusCode, lua.go:590-596). */
export const HEALTH_STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'] as const;
export type HealthStatusCode = (typeof HEALTH_STATUSES)[number];

/** What a health script yields: `status` is '' when the script returned nil or an empty table (no health). */
export interface HealthStatus {
  readonly status: HealthStatusCode | '';
  readonly message: string;
}

/** A health script and how Argo CD runs it. */
export interface HealthScript {
  /** `<group>/<Kind>` (`<Kind>` for the core group), or a glob such as `*.crossplane.io/*` for a wildcard override. */
  readonly key: string;
  readonly lua: string;
  /** Standard libraries open: always for built-in scripts; for overrides only with `useOpenLibs`. */
  readonly useOpenLibs: boolean;
  /** Where the script comes from, for messages: a file path or `override`. */
  readonly source: string;
}

/** A Lua error (syntax, runtime, timeout) or a return value Argo CD rejects. */
export class HealthScriptError extends Error {}

/** One of Argo CD's own test vectors: `health_test.yaml` entry with its input object. */
export interface HealthTestVector {
  /** e.g. `cert-manager.io/Certificate/testdata/healthy_issued.yaml` */
  readonly name: string;
  readonly key: string;
  readonly script: HealthScript;
  readonly object: Record<string, unknown>;
  readonly expected: HealthStatus;
}

const SEPARATOR = '\x1f';
/** About one second of gopher-lua work on this machine class; a runaway script fails instead of hanging. */
const INSTRUCTION_BUDGET = 50_000_000;

/**
 * The Lua side: builds each evaluation's environment as Argo CD's VM has it, runs the script under an instruction
 * budget and describes the returned value for the TypeScript side to judge as Go's json.Unmarshal would.
 */
const DRIVER = `
local std = {}
for k, v in pairs(_G) do std[k] = v end
local string_mt = getmetatable("")
local safe_os = { time = os.time, date = os.date }
local BASE = { "assert", "error", "getmetatable", "ipairs", "load", "next", "pairs", "pcall", "print", "rawequal",
  "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall", "require", "_VERSION" }

local function environment(open_libs, object)
  local env = {}
  if open_libs then
    for k, v in pairs(std) do env[k] = v end
  else
    for _, k in ipairs(BASE) do env[k] = std[k] end
    env.unpack = std.table.unpack
    env.table = std.table
  end
  env.os = safe_os
  env._G = env
  env.obj = object
  env.actionParams = {}
  return env
end

local function describe(v)
  local t = type(v)
  if t == "nil" then return "nil" end
  if t ~= "table" then return "other" .. "${SEPARATOR}" .. t end
  local keyed = false
  for k, _ in pairs(v) do
    if type(k) ~= "number" then keyed = true end
  end
  if not keyed then return "empty" end
  local function field(x)
    if x == nil then return "nil${SEPARATOR}" end
    if type(x) == "string" then return "string${SEPARATOR}" .. x end
    return type(x) .. "${SEPARATOR}" .. tostring(x)
  end
  return "table${SEPARATOR}" .. field(v.status) .. "${SEPARATOR}" .. field(v.message)
end

function __argocd_health(script, object_literal, open_libs)
  local object_chunk, err = load("return " .. object_literal, "=obj", "t", {})
  if not object_chunk then return "error${SEPARATOR}cannot decode obj: " .. err end
  local env = environment(open_libs, object_chunk())
  local chunk, load_err = load(script, "=health.lua", "t", env)
  if not chunk then return "error${SEPARATOR}" .. load_err end
  if not open_libs then debug.setmetatable("", nil) end
  debug.sethook(function() error("the script ran longer than its budget (Argo CD stops a script after one second)") end, "", ${INSTRUCTION_BUDGET})
  local ok, result = pcall(chunk)
  debug.sethook()
  debug.setmetatable("", string_mt)
  if not ok then return "error${SEPARATOR}" .. tostring(result) end
  return describe(result)
end
`;

/** A Lua literal for a JSON value, decoded as Argo CD's decodeValue does. */
export function luaLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '(0/0)';
    if (!Number.isFinite(value)) return value > 0 ? '(1/0)' : '(-1/0)';
    return String(value); // integral: a Lua integer; otherwise `0.5`, `1e+21`: a Lua float
  }
  if (typeof value === 'string') return luaString(value);
  if (Array.isArray(value)) {
    return `{${value.filter((v) => v !== null && v !== undefined).map(luaLiteral).join(',')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
    return `{${entries.map(([k, v]) => `[${luaString(k)}]=${luaLiteral(v)}`).join(',')}}`;
  }
  throw new HealthScriptError(`cannot pass a ${typeof value} to Lua`);
}

function luaString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${String(code).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The Lua VM: create once with {@link ArgoCdLuaVm.create}, evaluate many times, {@link close} at the end. */
export class ArgoCdLuaVm {
  private constructor(private readonly engine: LuaEngine, private readonly run: (script: string, object: string, openLibs: boolean) => string) {}

  public static async create(): Promise<ArgoCdLuaVm> {
    const engine = await luaFactory().createEngine({ openStandardLibs: true, injectObjects: false, enableProxy: false });
    engine.doStringSync(DRIVER);
    const fn = engine.global.get('__argocd_health') as (script: string, object: string, openLibs: boolean) => string;
    return new ArgoCdLuaVm(engine, fn);
  }

  /** Runs `script` against `object` as Argo CD's ExecuteHealthLua does. Throws {@link HealthScriptError}. */
  public evaluate(script: Pick<HealthScript, 'lua' | 'useOpenLibs'>, object: unknown): HealthStatus {
    const raw = String(this.run(script.lua, luaLiteral(object), script.useOpenLibs));
    const [what, ...rest] = raw.split(SEPARATOR);
    switch (what) {
      case 'error':
        throw new HealthScriptError(rest.join(SEPARATOR));
      case 'nil':
      case 'empty':
        return { status: '', message: '' };
      case 'other':
        throw new HealthScriptError(`expect table output from Lua script, not ${rest[0]}`);
      case 'table': {
        const [statusType, status, messageType, ...message] = rest;
        for (const [field, type] of [['status', statusType], ['message', messageType]] as const) {
          if (type !== 'string' && type !== 'nil') throw new HealthScriptError(`json: cannot unmarshal ${type} into the string field ${field} of the health status`);
        }
        if (!(HEALTH_STATUSES as readonly string[]).includes(status)) return { status: 'Unknown', message: 'Lua returned an invalid health status' };
        return { status: status as HealthStatusCode, message: message.join(SEPARATOR) };
      }
      default:
        throw new HealthScriptError(`unexpected result from the Lua driver: ${raw}`);
    }
  }

  public close(): void {
    this.engine.global.close();
  }
}

/** `<group>/<Kind>` of an object (`<Kind>` for the core group), as GetConfigMapKey (lua.go:476-481). */
export function healthKeyOf(object: { apiVersion?: unknown; kind?: unknown }): string {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group === '' ? String(object.kind) : `${group}/${String(object.kind)}`;
}

/** `<group>_<Kind>`, the suffix of an `argocd-cm` key `resource.customizations.health.<group>_<Kind>`. */
export function configMapSuffix(key: string): string {
  return key.replace('/', '_');
}

/** Argo CD's glob for override keys (util/glob): `*` matches any run of characters. */
function globMatch(pattern: string, key: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(key);
}

/**
 * The scripts an Argo CD instance runs: its built-in ones plus the instance's overrides (`resource.customizations`),
 * looked up as GetHealthScript does.
 */
export class HealthScripts {
  constructor(
    public readonly builtIn: ReadonlyMap<string, HealthScript>,
    public readonly overrides: readonly HealthScript[] = [],
  ) {}

  /** The script Argo CD runs for `object`, or undefined when it has none (no Lua health). */
  public scriptFor(object: { apiVersion?: unknown; kind?: unknown }): HealthScript | undefined {
    const key = healthKeyOf(object);
    return this.overrides.find((o) => o.key === key) ?? this.overrides.find((o) => o.key.includes('*') && globMatch(o.key, key)) ?? this.builtIn.get(key);
  }

  public withOverrides(overrides: readonly HealthScript[]): HealthScripts {
    return new HealthScripts(this.builtIn, [...overrides, ...this.overrides]);
  }
}

/** Argo CD's built-in scripts under `dir` (its `resource_customizations` layout: `<group>/<Kind>/health.lua`). */
export function loadBuiltInHealthScripts(dir: string): Map<string, HealthScript> {
  const scripts = new Map<string, HealthScript>();
  for (const group of subfolders(dir)) {
    for (const kind of subfolders(join(dir, group))) {
      const file = join(dir, group, kind, 'health.lua');
      if (!existsSync(file)) continue;
      const key = `${group}/${kind}`;
      scripts.set(key, { key, lua: readFileSync(file, 'utf8'), useOpenLibs: true, source: file });
    }
  }
  return scripts;
}

/** Every entry of every `health_test.yaml` under `dir`, with its input object and the script it tests. */
export function loadHealthTestVectors(dir: string): HealthTestVector[] {
  const scripts = loadBuiltInHealthScripts(dir);
  const vectors: HealthTestVector[] = [];
  for (const [key, script] of scripts) {
    const folder = join(dir, key);
    const testFile = join(folder, 'health_test.yaml');
    if (!existsSync(testFile)) continue;
    const tests = (parse(readFileSync(testFile, 'utf8')) as { tests?: Array<{ inputPath: string; healthStatus?: { status?: string; message?: string } }> }).tests ?? [];
    for (const t of tests) {
      const object = parse(readFileSync(join(folder, t.inputPath), 'utf8')) as Record<string, unknown>;
      vectors.push({
        name: `${key}/${t.inputPath}`,
        key,
        script,
        object,
        expected: { status: (t.healthStatus?.status ?? '') as HealthStatusCode, message: t.healthStatus?.message ?? '' },
      });
    }
  }
  return vectors;
}

function subfolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
}
