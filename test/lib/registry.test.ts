import { ApiObject, Testing } from 'cdk8s';
import { stringRegistry } from '../../src/lib/registry';

test('a registry renders late, sorted and de-duplicated', () => {
  const chart = Testing.chart();
  const members = stringRegistry();
  new ApiObject(chart, 'smmr', { apiVersion: 'maistra.io/v1', kind: 'ServiceMeshMemberRoll', metadata: { name: 'default' }, spec: { members: members.lazy((m) => m) } });
  members.add('seldon');
  members.add('alpha');
  members.add('seldon');
  expect(Testing.synth(chart)[0].spec.members).toEqual(['alpha', 'seldon']);
});
