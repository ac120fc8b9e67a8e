import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { generateSchemas, SCHEMA_DIR } from '../../tools/schema-generate';
import { checkUserInput } from '../../src/lib/config-schema';
import { Checks } from '../../src/lib/errors';
import { SeldonPlatform } from '../../src/platform';
import { ENVIRONMENTS } from '../../src/environments';
import { testConfig } from '../helpers/render';

const ROOT = join(__dirname, '../..');

describe('the JSON Schemas in schema/ are generated from the TypeScript types', () => {
  jest.setTimeout(120_000);

  test('GIVEN the types WHEN the schemas are generated THEN they equal the committed files (else run npm run schema)', () => {
    for (const [file, schema] of generateSchemas(ROOT)) {
      const committed = readFileSync(join(ROOT, SCHEMA_DIR, file), 'utf8');
      const fresh = `${JSON.stringify(schema, null, 2)}\n`;
      if (committed !== fresh) throw new Error(`${SCHEMA_DIR}/${file} is stale: the TypeScript types changed. Run "npm run schema" and commit ${SCHEMA_DIR}/.`);
    }
  });
});

describe('structure checks against the schemas', () => {
  const issues = (value: unknown) => {
    const checks = new Checks();
    checkUserInput(checks, 'platformConfig', value, '');
    return checks.issues.map((i) => `${i.path} (${JSON.stringify(i.value)}): ${i.problem}; ${i.fix}`);
  };

  test('GIVEN every shipped environment THEN it conforms (ajv and the explanation agree on valid input)', () => {
    for (const build of ENVIRONMENTS) {
      const platform = build(new App());
      expect(issues(platform.config)).toEqual([]);
    }
  });

  test('GIVEN the Kafka provider union WHEN a key is misspelt THEN the alternative its type names is explained', () => {
    expect(issues(testConfig({ kafka: { provider: { type: 'aws-msk', bootstrap: 'b-1:9096', bootstarp: 'x' } } as never }))).toEqual([
      'kafka.provider.bootstarp ("x"): is not an option of kafka.provider: the key would be silently ignored; did you mean bootstrap?',
    ]);
  });

  test('GIVEN null, a quoted boolean and a list where objects are expected THEN one type issue each, with the fix', () => {
    expect(issues(testConfig({ kafka: null, tls: [], deploy: { enableAppAuth: 'yes' } } as never)).sort()).toEqual([
      'deploy.enableAppAuth ("yes"): must be true or false, not the string "yes"; write true without quotes',
      'kafka (null): must be an object or false, not null; remove the key to get the default, or give an object or false (false switches it off)',
      'tls ([]): must be an object or false, not a list; give an object or false',
    ]);
  });

  test('GIVEN a wrong type and the concern checks that would trip over it THEN only the type issue is reported', () => {
    let message = '';
    try {
      SeldonPlatform.validate(testConfig({ serviceMesh: 'yes' } as never));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('environment "test": serviceMesh ("yes"): must be an object or false, not the string "yes"; give an object or false');
  });
});
