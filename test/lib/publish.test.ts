import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publish } from '../../src/lib/publish';

describe('publish', () => {
  let work: string;
  const dist = () => join(work, 'dist');
  const staging = () => join(work, 'staging');
  const env = (files: Record<string, string>) => ({ name: 'env', files: new Map(Object.entries(files)) });

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'publish-'));
    publish([env({ 'a/one.yaml': '1\n', 'a/two.yaml': '2\n' })], dist(), staging());
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  test('GIVEN an unchanged render THEN nothing is written and the files are the very same', () => {
    const inode = statSync(join(dist(), 'env/a/one.yaml')).ino;
    const [result] = publish([env({ 'a/one.yaml': '1\n', 'a/two.yaml': '2\n' })], dist(), staging());
    expect(result).toEqual({ environment: 'env', written: 0, kept: 2, removed: 0, dropped: [] });
    expect(statSync(join(dist(), 'env/a/one.yaml')).ino).toBe(inode);
  });

  test('GIVEN one changed and one removed file THEN only the change is written, the rest is kept, the removed file is gone', () => {
    const [result] = publish([env({ 'a/one.yaml': '1\n', 'b/three.yaml': '3\n' })], dist(), staging());
    expect(result).toEqual({ environment: 'env', written: 1, kept: 1, removed: 1, dropped: [] });
    expect(readFileSync(join(dist(), 'env/b/three.yaml'), 'utf8')).toBe('3\n');
    expect(() => statSync(join(dist(), 'env/a/two.yaml'))).toThrow();
    expect(readFileSync(join(dist(), 'env/a/one.yaml'), 'utf8')).toBe('1\n');
  });

  test('scripts are published executable', () => {
    publish([env({ 'verify.sh': '#!/bin/sh\n' })], dist(), staging());
    expect(statSync(join(dist(), 'env/verify.sh')).mode & 0o111).not.toBe(0);
  });
});
